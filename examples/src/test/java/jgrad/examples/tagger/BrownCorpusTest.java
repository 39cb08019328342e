package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrownCorpusTest {

    @TempDir
    Path dir;

    @Test
    void readsSentencesSeparatedByBlankAndWhitespaceOnlyLines() throws IOException {
        Files.writeString(dir.resolve("ca01"), "\n\n\tThe/at jury/nn said/vbd ./.\n\n  \t \n\tIt/pps was/bedz 1/2/cd   done/vbn ./.\n\n");
        BrownCorpus.Document document = BrownCorpus.readDocument(dir.resolve("ca01"));

        assertEquals("ca01", document.name());
        assertEquals(2, document.sentences().size());
        assertEquals(3, document.sentences().get(0).line());
        assertEquals(6, document.sentences().get(1).line());
        assertEquals(List.of(new BrownCorpus.Token("The", "at"), new BrownCorpus.Token("jury", "nn"),
                new BrownCorpus.Token("said", "vbd"), new BrownCorpus.Token(".", ".")), document.sentences().get(0).tokens());
        assertEquals(9, document.tokenCount());
    }

    @Test
    void splitsATokenAtItsLastSlash() {
        List<BrownCorpus.Token> tokens = BrownCorpus.parseLine("1/2/cd and/or/cc //( a/b/c/np-tl", "ca01", 1);
        assertEquals(List.of(new BrownCorpus.Token("1/2", "cd"), new BrownCorpus.Token("and/or", "cc"),
                new BrownCorpus.Token("/", "("), new BrownCorpus.Token("a/b/c", "np-tl")), tokens);
    }

    @Test
    void malformedTokensAreReportedWithFileLineAndWhatWasExpected() throws IOException {
        Files.writeString(dir.resolve("cb02"), "\n\tGood/jj words/nns\n\n\tthen/rb a/at broken token/nn\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BrownCorpus.read(dir));
        assertTrue(e.getMessage().contains("cb02 line 4, token 3 'broken' has no '/'"), e.getMessage());
        assertTrue(e.getMessage().contains("expected word/tag"), e.getMessage());

        assertTrue(assertThrows(IllegalArgumentException.class, () -> BrownCorpus.parseLine("/nn", "ca01", 7))
                .getMessage().contains("ca01 line 7, token 1 '/nn' has an empty word"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BrownCorpus.parseLine("ok/jj word/", "ca01", 2))
                .getMessage().contains("ca01 line 2, token 2 'word/' has an empty tag"));
    }

    @Test
    void readsOnlyCorpusFilesInNameOrder() throws IOException {
        Files.writeString(dir.resolve("cb01"), "\tB/np ./.\n");
        Files.writeString(dir.resolve("ca02"), "\tA/np ./.\n\n\tAgain/rb ./.\n");
        Files.writeString(dir.resolve("README"), "not a corpus file\n");
        Files.writeString(dir.resolve("cats.txt"), "ca02 news\n");
        BrownCorpus corpus = BrownCorpus.read(dir);

        assertEquals(List.of("ca02", "cb01"), corpus.documents().stream().map(BrownCorpus.Document::name).toList());
        assertEquals(3, corpus.sentenceCount());
        assertEquals(6, corpus.tokenCount());
    }

    @Test
    void aDirectoryWithoutCorpusFilesIsAnErrorThatSaysWhatWasExpected() throws IOException {
        Files.writeString(dir.resolve("README"), "nothing here\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BrownCorpus.read(dir));
        assertTrue(e.getMessage().contains("holds no corpus file; expected files named like ca01"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BrownCorpus.read(dir.resolve("missing")));
    }
}
