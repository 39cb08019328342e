/**
 * A neural probabilistic language model of the Brown corpus, after Bengio, Ducharme, Vincent and Jauvin
 * (2003), "A Neural Probabilistic Language Model", JMLR 3, with its baselines and sentence scoring.
 *
 * <p>Data: {@link jgrad.examples.lm.LmCorpus} is the paper's protocol (the files as one stream, 800,000
 * training tokens, 200,000 validation, the rest test; rare training words merged into the unknown word;
 * each sentence read on its own after a start symbol); {@link jgrad.examples.lm.SplitOptions} sets the
 * sizes on the command line.
 *
 * <p>Models: {@link jgrad.examples.lm.NeuralLanguageModel} is the network in plain layers (shared word
 * vectors, tanh hidden layer, full softmax, optional direct connections);
 * {@link jgrad.examples.lm.KneserNey} is interpolated modified Kneser-Ney, counts only;
 * {@link jgrad.examples.lm.Mixture} averages two models' probabilities.
 *
 * <p>Training and files: {@link jgrad.examples.lm.LmTraining} (Adam or SGD, learning-rate decay, weight
 * decay, early-stopping counters, checkpoints after every epoch or every N steps);
 * {@link jgrad.examples.lm.LmModelFiles} (the model directory); {@link jgrad.examples.lm.LmSparkSteps}
 * (the steps' gradients on Spark, with {@code --spark}: the word table's rows travel sparsely).
 *
 * <p>Commands: {@link jgrad.examples.lm.LmCommand} ({@code jgrad lm}) with {@code train}, {@code eval}
 * and {@code score}.
 */
package jgrad.examples.lm;
