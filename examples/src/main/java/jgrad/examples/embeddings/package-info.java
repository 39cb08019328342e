/**
 * Word vectors pretrained as Collobert et al. (2011) did: a window network ({@link
 * jgrad.examples.embeddings.RankingModel}) learns to score a window of real text above the same window
 * with its centre word replaced, on unlabeled text ({@link jgrad.examples.embeddings.UnlabeledText}: the
 * Brown training split without its tags, the WordNet 3.1 glosses of {@link
 * jgrad.examples.embeddings.WordNetGlosses}, and on request the State of the Union addresses and
 * Moby-Dick, cut by {@link jgrad.examples.embeddings.ProseSentences}). The vectors are written as a GloVe-style text file
 * ({@link jgrad.examples.embeddings.WordVectors}), which {@code jgrad embeddings neighbours} reads and
 * {@code jgrad tagger train --embeddings} starts its word table from. {@code embeddings train --start-from}
 * starts a run from an earlier one's vectors and layers ({@link
 * jgrad.examples.embeddings.RankingTraining#startFrom}), so that a vocabulary can be grown in stages as
 * in Collobert et al.'s curriculum.
 */
package jgrad.examples.embeddings;
