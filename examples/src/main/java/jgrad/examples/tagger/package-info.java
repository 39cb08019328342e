/**
 * Part-of-speech tagging of the Brown corpus, after Collobert et al. (2011), "Natural Language
 * Processing (Almost) from Scratch": the data and feature side.
 *
 * <p>{@link jgrad.examples.tagger.BrownCorpus} reads the 500 NLTK-format files of the tagged corpus;
 * {@link jgrad.examples.tagger.CorpusSplit} assigns each file to train, dev or test;
 * {@link jgrad.examples.tagger.TagSet} maps the 472 raw Brown tags to the 12 universal tags of Petrov,
 * Das and McDonald (2012) or to 92 reduced Brown tags; {@link jgrad.examples.tagger.WindowFeaturizer}
 * learns vocabularies from the training split and turns a split into integer window features
 * ({@link jgrad.examples.tagger.TaggedFeatures}); {@link jgrad.examples.tagger.MostFrequentTag} is the
 * baseline any tagger must beat.
 */
package jgrad.examples.tagger;
