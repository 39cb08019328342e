/**
 * Part-of-speech tagging of the Brown corpus, after Collobert et al. (2011), "Natural Language
 * Processing (Almost) from Scratch".
 *
 * <p>Data and features: {@link jgrad.examples.tagger.BrownCorpus} reads the 500 NLTK-format files of the
 * tagged corpus; {@link jgrad.examples.tagger.CorpusSplit} assigns each file to train, dev or test;
 * {@link jgrad.examples.tagger.TagSet} maps the 472 raw Brown tags to the 12 universal tags of Petrov,
 * Das and McDonald (2012) or to 92 reduced Brown tags; {@link jgrad.examples.tagger.WindowFeaturizer}
 * learns vocabularies from the training split and turns a split into integer window features
 * ({@link jgrad.examples.tagger.TaggedFeatures}); {@link jgrad.examples.tagger.MostFrequentTag} is the
 * baseline any tagger must beat.
 *
 * <p>Model and training: {@link jgrad.examples.tagger.WindowTagger} is the window network (embeddings of
 * words, capitalization and suffixes, by default also each word's character features from a
 * {@link jgrad.layers.CharacterConvolution} over its spelling ({@link jgrad.examples.tagger.Spellings}),
 * a hardtanh hidden layer, a linear output), trained by the
 * word-level or the sentence-level log-likelihood ({@link jgrad.examples.tagger.TaggerLoss}; SLL adds a
 * {@link jgrad.layers.LinearChain} of tag transitions and decodes by Viterbi);
 * {@link jgrad.examples.tagger.WindowBatches} packs tokens, or whole sentences, into batches, with the
 * rare-word dropout that trains the unknown-word vector; {@link jgrad.examples.tagger.TaggerTraining}
 * runs SGD with momentum and measures dev accuracy, its steps' gradients computed here or, with
 * {@code --spark} (WLL only), by Spark tasks ({@link jgrad.examples.tagger.TaggerSparkSteps});
 * {@link jgrad.examples.tagger.TaggingEvaluation} computes accuracy, unseen-word
 * accuracy, confusions and per-tag precision and recall; {@link jgrad.examples.tagger.TaggerCheckpoint}
 * saves and loads a trained tagger, checking each file before trusting it, as a directory replaced as one
 * unit ({@code ModelDirectory}): a reader sees the old model or the new one, never a mix.
 *
 * <p>Commands: {@link jgrad.examples.tagger.TaggerCommand} ({@code jgrad tagger}) with {@code train},
 * {@code eval} and {@code tag}; {@code train --embeddings FILE} starts the word table from pretrained
 * vectors ({@link jgrad.examples.embeddings.WordVectors}, e.g. those of {@code jgrad embeddings train})
 * and adds their words that training never saw to the vocabulary, after the training words
 * ({@link jgrad.examples.tagger.WindowFeaturizer#withWords}; their tokens still count as unseen).
 */
package jgrad.examples.tagger;
