package jgrad.examples.tagger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tags of one {@link TagScheme}, numbered 0 ... size - 1 in sorted order, and the map from the raw
 * Brown tags of the corpus to them.
 *
 * <p>Both schemes start from the 472 raw tags listed in the resource {@code brown-universal.tsv} (the
 * en-brown.map of Petrov, Das and McDonald, 2012, with its source line), uppercased as NLTK does: the
 * universal scheme maps them by the table, the reduced scheme by {@link #reduce}. So the tag set is fixed
 * by the table, not by the data, and a raw tag outside the table is an error rather than a silent new
 * class.
 */
public final class TagSet {

    private static final String TABLE = "brown-universal.tsv";

    private final TagScheme scheme;
    private final List<String> names;
    private final Map<String, Integer> idOfName = new HashMap<>();
    /** Uppercased raw Brown tag to tag id. */
    private final Map<String, Integer> idOfRawTag = new HashMap<>();

    private TagSet(TagScheme scheme, Map<String, String> universalTable) {
        this.scheme = scheme;
        Map<String, String> mapped = new LinkedHashMap<>();
        universalTable.forEach((raw, universal) -> mapped.put(raw, scheme == TagScheme.UNIVERSAL ? universal : reduce(raw)));
        this.names = List.copyOf(new TreeSet<>(mapped.values()));
        for (int id = 0; id < names.size(); id++) {
            idOfName.put(names.get(id), id);
        }
        mapped.forEach((raw, name) -> idOfRawTag.put(raw, idOfName.get(name)));
    }

    /** The tag set of a scheme: 12 universal tags or 92 reduced Brown tags. */
    public static TagSet of(TagScheme scheme) {
        if (scheme == null) {
            throw new IllegalArgumentException("TagSet.of: the scheme is null; expected UNIVERSAL or REDUCED");
        }
        return new TagSet(scheme, universalTable());
    }

    /**
     * The reduced form of a raw Brown tag (uppercased first): repeatedly strip a trailing {@code -TL}
     * (title), {@code -HL} (headline) or {@code -NC} (cited word); then a leading {@code FW-} (foreign
     * word); keep the part before the first {@code +} (a contraction keeps its first tag); drop a trailing
     * {@code *} (negation) unless the tag is {@code *} itself. {@code FW-NN-TL} → {@code NN},
     * {@code PPSS+MD} → {@code PPSS}, {@code BEZ*} → {@code BEZ}, {@code *-HL} → {@code *}.
     */
    public static String reduce(String rawTag) {
        String tag = rawTag.toUpperCase(Locale.ROOT);
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String suffix : new String[] {"-TL", "-HL", "-NC"}) {
                if (tag.endsWith(suffix)) {
                    tag = tag.substring(0, tag.length() - suffix.length());
                    stripped = true;
                }
            }
        }
        if (tag.startsWith("FW-")) {
            tag = tag.substring(3);
        }
        int plus = tag.indexOf('+');
        if (plus >= 0) {
            tag = tag.substring(0, plus);
        }
        if (tag.endsWith("*") && !tag.equals("*")) {
            tag = tag.substring(0, tag.length() - 1);
        }
        return tag;
    }

    public TagScheme scheme() {
        return scheme;
    }

    /** The number of tags. */
    public int size() {
        return names.size();
    }

    /** The tag names in id order (sorted). */
    public List<String> names() {
        return names;
    }

    /** The name of tag {@code id}. */
    public String name(int id) {
        if (id < 0 || id >= names.size()) {
            throw new IllegalArgumentException(scheme + " tag id " + id + " is out of range; expected 0 ... " + (names.size() - 1));
        }
        return names.get(id);
    }

    /** The id of a tag of this set by name, such as {@code NOUN} or {@code NN}. */
    public int idOfName(String name) {
        Integer id = idOfName.get(name);
        if (id == null) {
            throw new IllegalArgumentException("'" + name + "' is not a " + scheme + " tag; expected one of " + names);
        }
        return id;
    }

    /** The id of the tag that a raw Brown tag (any case, such as {@code np-tl}) maps to. */
    public int id(String rawTag) {
        Integer id = idOfRawTag.get(rawTag.toUpperCase(Locale.ROOT));
        if (id == null) {
            throw new IllegalArgumentException("'" + rawTag + "' is not a Brown tag; expected one of the "
                    + idOfRawTag.size() + " tags of " + TABLE);
        }
        return id;
    }

    /** The name of the tag that a raw Brown tag maps to. */
    public String map(String rawTag) {
        return names.get(id(rawTag));
    }

    /** The table brown-universal.tsv: uppercased raw Brown tag to universal tag, in file order. */
    static Map<String, String> universalTable() {
        InputStream stream = TagSet.class.getResourceAsStream(TABLE);
        if (stream == null) {
            throw new IllegalStateException("resource " + TABLE + " is missing beside " + TagSet.class.getName()
                    + "; expected it in the jar under jgrad/examples/tagger/");
        }
        Map<String, String> table = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue; // the source line
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 2 || fields[0].isEmpty() || fields[1].isEmpty()) {
                    throw new IllegalStateException(TABLE + " line " + lineNumber + ": '" + line
                            + "'; expected two non-empty fields separated by a tab");
                }
                if (header) {
                    header = false;
                    continue; // brown_tag, universal_tag
                }
                if (table.put(fields[0], fields[1]) != null) {
                    throw new IllegalStateException(TABLE + " line " + lineNumber + ": the Brown tag " + fields[0]
                            + " appears twice; expected each tag once");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + TABLE, e);
        }
        return table;
    }
}
