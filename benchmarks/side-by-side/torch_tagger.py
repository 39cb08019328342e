"""PyTorch twin of `./jgrad tagger train`: the same features, vocabularies, sizes, initial weights, batches
and optimizer, for the side-by-side benchmark (run.sh). Not part of `mvn test`.

    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OMP_NUM_THREADS=1 python3 torch_tagger.py --epochs 1

The recipe, as jgrad.examples.tagger (WindowFeaturizer, WindowBatches, WindowTagger, TaggerTraining):
the Brown corpus files in name order, file i test if i % 10 == 0, dev if 1, else train; universal tags
(brown-universal.tsv, read from jgrad's source tree); for each token a window of 5 words, each word
normalized (lowercase, digits made 0) and looked up with its capitalization class and its suffixes of 1
to 4 characters; vocabularies of the training split ordered by falling count, then alphabetically, after
<PAD> (0) and <UNK> (1). Embeddings 50 (words), 5 (caps), 20 (each suffix), drawn N(0, 0.1^2); hidden
layer 300 with hardtanh, Glorot uniform weights, zero biases; softmax cross-entropy; SGD with momentum
0.9 (torch.optim.SGD: v = mu v + g, w -= lr v), lr 0.1 times 0.75 per epoch; batches of 512. A word or
suffix seen once in training is replaced by <UNK> with probability 0.5 in every batch.

With --char-filters N (jgrad's default 50; 0 turns them off), each window word also gets CharWNN's
character features, as jgrad's CharacterConvolution computes them: the word as written (case kept, its
last 20 characters) as character ids (the training characters by falling count after <PAD> and <UNK>),
10-wide character vectors drawn N(0, 0.1^2), a convolution over windows of 3 characters (<PAD> beyond
the word's ends), Glorot-uniform, zero bias, and the max over the word's positions; once per distinct
word of the batch, a window slot beyond a sentence edge reading zeros.

The initial weights, the shuffling and the rare-word dropout are drawn, in jgrad's order, from a
re-implementation of java.util.Random with jgrad's seed, so that both programs see the same numbers:
--print-losses N prints the loss of each of the first N steps, to compare with jgrad's.

Prints one line per epoch and, last, `throughput <words/s> words/s` over the training steps of all
epochs (shuffling before an epoch and the dev evaluation after it excluded, as jgrad's words/s).
"""
import argparse
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TABLE = os.path.join(ROOT, "examples", "src", "main", "resources", "jgrad", "examples", "tagger", "brown-universal.tsv")
PADDING, UNKNOWN = 0, 1
MAX_CHARACTERS = 20


class JavaRandom:
    """java.util.Random, number for number (the 48-bit LCG, nextInt, nextDouble and the polar nextGaussian)."""

    MULTIPLIER, ADDEND, MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ self.MULTIPLIER) & self.MASK
        self.next_gaussian = None

    def next(self, bits):
        self.seed = (self.seed * self.MULTIPLIER + self.ADDEND) & self.MASK
        r = self.seed >> (48 - bits)
        return r - (1 << 32) if bits == 32 and r >= 1 << 31 else r  # Java's (int) cast

    def next_int(self, bound):
        if bound & -bound == bound:
            return (bound * self.next(31)) >> 31
        while True:
            bits = self.next(31)
            value = bits % bound
            if bits - value + (bound - 1) < 1 << 31:
                return value

    def next_double(self):
        return ((self.next(26) << 27) + self.next(27)) * (1.0 / (1 << 53))

    def gaussian(self):
        if self.next_gaussian is not None:
            g, self.next_gaussian = self.next_gaussian, None
            return g
        while True:
            v1 = 2 * self.next_double() - 1
            v2 = 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        multiplier = math.sqrt(-2 * math.log(s) / s)
        self.next_gaussian = v2 * multiplier
        return v1 * multiplier


def read_corpus(directory):
    names = sorted(n for n in os.listdir(directory)
                   if len(n) == 4 and n[0] == "c" and n[1].isalpha() and n[2:].isdigit())
    if not names:
        raise SystemExit(f"torch_tagger: {directory} holds no Brown corpus file (ca01 ...); run './jgrad tagger train' once to fetch it")
    documents = []
    for name in names:
        sentences = []
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    sentences.append([tuple(part.rsplit("/", 1)) for part in line.split()])
        documents.append(sentences)
    return documents


def universal_table():
    table, header = {}, True
    with open(TABLE, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") or not line.strip():
                continue
            if header:
                header = False
                continue
            raw, universal = line.split("\t")
            table[raw] = universal
    return table


def normalize(word):
    return "".join("0" if c.isdigit() else c for c in word.lower())


def capitalization(word):
    letters = upper = 0
    first_upper = False
    for c in word:
        if c.isalpha():
            if c.isupper():
                first_upper |= letters == 0
                upper += 1
            letters += 1
    if letters == 0:
        return 5
    if upper == 0:
        return 1
    if upper == 1 and first_upper:
        return 2
    return 3 if upper == letters else 4


def vocabulary(counts):
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return {s: i + 2 for i, (s, _) in enumerate(ordered)}


class Features:
    """ids[kind] [tokens, window] (kind 0 words, 1 caps, then the suffixes) and tags [tokens], as numpy arrays."""

    def __init__(self, documents, words, suffixes, lengths, tag_of, window, characters):
        half = window // 2
        padded = [[] for _ in range(2 + len(lengths))]  # each kind's ids, every sentence padded by half on both sides
        centres, tags = [], []
        form_of, self.forms, spelled = {}, [], []  # spelled: 0 beyond an edge, f + 1 for form f, padded as the ids
        for sentences in documents:
            for sentence in sentences:
                spelled.extend([0] * half)
                for w, _ in sentence:
                    if w not in form_of:
                        form_of[w] = len(self.forms)
                        self.forms.append([characters.get(c, UNKNOWN) for c in w[-MAX_CHARACTERS:]])
                    spelled.append(form_of[w] + 1)
                spelled.extend([0] * half)
                normalized = [normalize(w) for w, _ in sentence]
                per_word = [[words.get(n, UNKNOWN) for n in normalized], [capitalization(w) for w, _ in sentence]]
                for vocab, n in zip(suffixes, lengths):
                    per_word.append([vocab.get(w[-n:], UNKNOWN) for w in normalized])
                start = len(padded[0]) + half
                centres.extend(range(start, start + len(sentence)))
                for kind, ids in zip(padded, per_word):
                    kind.extend([PADDING] * half + ids + [PADDING] * half)
                tags.extend(tag_of[t.upper()] for _, t in sentence)
        kinds = np.array(padded, dtype=np.int64)  # [kinds, padded length]
        positions = np.array(centres, dtype=np.int64)[:, None] + np.arange(-half, half + 1)  # [tokens, window]
        self.ids = np.ascontiguousarray(kinds[:, positions].transpose(1, 0, 2))  # [tokens, kinds, window]
        self.tags = np.array(tags, dtype=np.int64)
        self.spelled = np.array(spelled, dtype=np.int64)[positions]  # [tokens, window]

    def characters(self, rows):
        """The batch's slots [batch, window] (0 an edge, i + 1 row i) and its distinct forms' characters [forms, length]."""
        distinct, inverse = np.unique(self.spelled[rows], return_inverse=True)
        inverse = inverse.reshape(len(rows), -1)
        if distinct[0] == 0:
            distinct = distinct[1:]  # the edge reads the zero row: its slots keep index 0
        else:
            inverse = inverse + 1
        longest = max(len(self.forms[f - 1]) for f in distinct)
        chars = np.zeros((len(distinct), longest), dtype=np.int64)
        for r, f in enumerate(distinct):
            chars[r, :len(self.forms[f - 1])] = self.forms[f - 1]
        return torch.from_numpy(inverse), torch.from_numpy(chars)

    def rare(self, window):
        """For each kind but caps, which ids stand in the middle of exactly one window (seen once)."""
        rare = []
        for k in range(self.ids.shape[1]):
            if k == 1:
                rare.append(None)
                continue
            counts = np.bincount(self.ids[:, k, window // 2], minlength=self.ids[:, k].max() + 1)
            flags = counts == 1
            flags[:UNKNOWN + 1] = False
            rare.append(flags)
        return rare


class WindowTagger(nn.Module):
    def __init__(self, rows, dims, window, hidden, tags, rng, sparse, alphabet, char_dim, char_filters, char_window):
        super().__init__()
        self.tables = nn.ModuleList(nn.Embedding(r, d, sparse=sparse) for r, d in zip(rows, dims))
        for table in self.tables:
            with torch.no_grad():
                table.weight.copy_(draw_normal(rng, table.weight.shape, 0.1))
        self.char_window = char_window
        if char_filters > 0:
            self.chars = nn.Embedding(alphabet, char_dim)  # dense: a batch uses most of its rows
            with torch.no_grad():
                self.chars.weight.copy_(draw_normal(rng, self.chars.weight.shape, 0.1))
            self.char_filters = glorot(nn.Linear(char_window * char_dim, char_filters), rng)
        width = window * (sum(dims) + char_filters)
        self.hidden = glorot(nn.Linear(width, hidden), rng)
        self.out = glorot(nn.Linear(hidden, tags), rng)

    def forward(self, ids, characters=None):
        batch = ids.shape[0]
        parts = [table(ids[:, k, :]).reshape(batch, -1) for k, table in enumerate(self.tables)]
        if characters is not None:
            slots, chars = characters
            half = self.char_window // 2
            padded = F.pad(chars, (half, half))  # [forms, half + length + half], <PAD> = 0 around and after each word
            windows = padded.unfold(1, self.char_window, 1)  # [forms, length, window]
            scores = self.char_filters(self.chars(windows).flatten(2))  # [forms, length, filters]
            # Positions past a word's end are not its own: they never win the max.
            scores = scores.masked_fill((chars == PADDING).unsqueeze(2), float("-inf"))
            per_form = torch.cat([scores.new_zeros(1, scores.shape[2]), scores.max(1).values])  # row 0: the edge
            parts.append(per_form[slots].reshape(batch, -1))
        return self.out(F.hardtanh(self.hidden(torch.cat(parts, 1))))


def glorot(layer, rng):
    """jgrad's Glorot-uniform weights, drawn [in, out] row-major (torch's weight is the transpose), and a zero bias."""
    fan_in, fan_out = layer.in_features, layer.out_features
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    with torch.no_grad():
        layer.weight.copy_(draw_uniform(rng, (fan_in, fan_out), limit).t())
        layer.bias.zero_()
    return layer


def draw_normal(rng, shape, std):
    n = int(np.prod(shape))
    return torch.tensor([rng.gaussian() * std for _ in range(n)], dtype=torch.float64).reshape(shape).float()


def draw_uniform(rng, shape, limit):
    n = int(np.prod(shape))
    return torch.tensor([(2 * rng.next_double() - 1) * limit for _ in range(n)], dtype=torch.float64).reshape(shape).float()


def shuffled(tokens, rng):
    order = list(range(tokens))
    for i in range(tokens - 1, 0, -1):
        j = rng.next_int(i + 1)
        order[i], order[j] = order[j], order[i]
    return np.array(order, dtype=np.int64)


def batch(features, order, rare, probability, rng):
    ids = features.ids[order]  # [batch, kinds, window], a copy
    if probability > 0:
        candidates = np.zeros(ids.shape, dtype=bool)
        for k, flags in enumerate(rare):
            if flags is not None:
                candidates[:, k, :] = flags[ids[:, k, :]]
        flat = ids.reshape(-1)
        # jgrad draws one number per rare position, in [batch, kind, window] order.
        for position in np.flatnonzero(candidates.reshape(-1)):
            if rng.next_double() < probability:
                flat[position] = UNKNOWN
    return torch.from_numpy(ids), torch.from_numpy(features.tags[order])


def characters_of(features, rows, filters):
    return features.characters(rows) if filters > 0 else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", default=os.path.join(os.path.expanduser("~"), ".cache", "jgrad", "brown"))
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=512)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--lr-decay", type=float, default=0.75)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--rare-dropout", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--char-filters", type=int, default=50, help="character convolution filters (0: none; default 50, as jgrad)")
    parser.add_argument("--char-dim", type=int, default=10)
    parser.add_argument("--char-window", type=int, default=3)
    parser.add_argument("--sparse", action="store_true", help="nn.Embedding(sparse=True): row-sparse gradients")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("OMP_NUM_THREADS", "1")),
                        help="torch's threads (default: OMP_NUM_THREADS, else 1)")
    parser.add_argument("--print-losses", type=int, default=0, metavar="N", help="print the loss of each of the first N steps")
    parser.add_argument("--max-steps", type=int, default=0, metavar="N", help="stop after N steps (0: whole epochs); the throughput is then that of the steps run")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    window, lengths, dims = 5, [1, 2, 3, 4], [50, 5, 20, 20, 20, 20]

    documents = read_corpus(args.data_dir)
    train_docs = [d for i, d in enumerate(documents) if i % 10 >= 2]
    dev_docs = [d for i, d in enumerate(documents) if i % 10 == 1]
    word_counts, suffix_counts, char_counts = {}, [{} for _ in lengths], {}
    for sentences in train_docs:
        for sentence in sentences:
            for w, _ in sentence:
                for c in w:
                    char_counts[c] = char_counts.get(c, 0) + 1
                n = normalize(w)
                word_counts[n] = word_counts.get(n, 0) + 1
                for counts, length in zip(suffix_counts, lengths):
                    s = n[-length:]
                    counts[s] = counts.get(s, 0) + 1
    words = vocabulary(word_counts)
    characters = vocabulary(char_counts)
    suffixes = [vocabulary(c) for c in suffix_counts]
    table = universal_table()
    names = sorted(set(table.values()))
    tag_of = {raw: names.index(universal) for raw, universal in table.items()}
    train = Features(train_docs, words, suffixes, lengths, tag_of, window, characters)
    dev = Features(dev_docs, words, suffixes, lengths, tag_of, window, characters)
    rows = [len(words) + 2, 6] + [len(v) + 2 for v in suffixes]
    print(f"universal tags ({len(names)}); train {len(train.tags)} tokens, dev {len(dev.tags)}; vocabulary {rows[0]} words, "
          f"suffixes {rows[2:]}; torch {torch.__version__}, {torch.get_num_threads()} thread(s), "
          f"{'sparse' if args.sparse else 'dense'} embedding gradients, {args.char_filters} character filters "
          f"({len(characters) + 2} characters)", flush=True)

    model = WindowTagger(rows, dims, window, 300, len(names), JavaRandom(args.seed), args.sparse, len(characters) + 2,
                         args.char_dim, args.char_filters, args.char_window)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum)
    rng = JavaRandom(args.seed)
    rare = train.rare(window)
    tokens = len(train.tags)
    total_words, total_seconds, step = 0, 0.0, 0
    for epoch in range(args.epochs):
        lr = args.lr * args.lr_decay ** epoch
        for group in optimizer.param_groups:
            group["lr"] = lr
        model.train()
        order = shuffled(tokens, rng)
        start = time.perf_counter()
        loss_sum, steps = 0.0, 0
        for begin in range(0, tokens, args.batch_size):
            rows = order[begin:begin + args.batch_size]
            ids, labels = batch(train, rows, rare, args.rare_dropout, rng)
            optimizer.zero_grad()
            loss = F.cross_entropy(model(ids, characters_of(train, rows, args.char_filters)), labels)
            loss.backward()
            optimizer.step()
            value = loss.item()
            loss_sum += value
            steps += 1
            if step < args.print_losses:
                print(f"step {step + 1} loss {value:.9f}", flush=True)
            step += 1
            if step == args.max_steps:
                seconds = time.perf_counter() - start
                words = min(tokens, begin + args.batch_size)
                print(f"stopped after {step} steps: {words} words in {seconds:.1f} s")
                print(f"throughput {(total_words + words) / (total_seconds + seconds):.1f} words/s")
                return 0
        seconds = time.perf_counter() - start
        total_words += tokens
        total_seconds += seconds
        model.eval()
        with torch.no_grad():
            right = 0
            for begin in range(0, len(dev.tags), 4096):
                ids = torch.from_numpy(dev.ids[begin:begin + 4096])
                rows = np.arange(begin, min(begin + 4096, len(dev.tags)))
                right += (model(ids, characters_of(dev, rows, args.char_filters)).argmax(1) == torch.from_numpy(dev.tags[begin:begin + 4096])).sum().item()
        print(f"epoch {epoch + 1}: lr {lr:.4f}, loss {loss_sum / steps:.4f}, dev accuracy {100 * right / len(dev.tags):.2f}%, "
              f"{seconds:.1f} s ({tokens / seconds:.0f} words/s)", flush=True)
    print(f"throughput {total_words / total_seconds:.1f} words/s")


if __name__ == "__main__":
    sys.exit(main())
