package jgrad.examples.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged model.json is refused naming the file and what is wrong, before any network is built. */
class LmModelFilesTest {

    @TempDir
    Path dir;

    @Test
    void jsonThatDoesNotParseNamesTheFile() throws IOException {
        Path model = Files.writeString(dir.resolve(LmModelFiles.MODEL), "{\"format\": ");
        var e = assertThrows(IllegalArgumentException.class, () -> LmModelFiles.load(dir));
        assertTrue(e.getMessage().startsWith(model + ": not valid JSON"), e.getMessage());
    }

    @Test
    void aMissingSizeIsNamedInsteadOfReadAsZero() throws IOException {
        String format = LmModelFiles.FORMAT;
        Path model = Files.writeString(dir.resolve(LmModelFiles.MODEL), "{\"format\": \"" + format
                + "\", \"words\": [\"<s>\", \"a\", \"</s>\"], \"order\": 3, \"embedding\": 4}");
        var e = assertThrows(IllegalArgumentException.class, () -> LmModelFiles.load(dir));
        assertEquals(model + ": the field 'hidden' is missing; expected a whole number", e.getMessage());
    }
}
