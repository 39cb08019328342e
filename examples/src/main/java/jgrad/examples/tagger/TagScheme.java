package jgrad.examples.tagger;

/** Which tags a tagger predicts for the Brown corpus; {@link TagSet#of(TagScheme)} gives the tags themselves. */
public enum TagScheme {
    /** The 12 universal tags of Petrov, Das and McDonald (2012), by the table brown-universal.tsv. */
    UNIVERSAL,
    /** 92 Brown tags: the raw tags without title, headline, cited-word and foreign-word marks (see {@link TagSet#reduce}). */
    REDUCED
}
