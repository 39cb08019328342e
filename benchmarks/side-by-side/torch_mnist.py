"""PyTorch twin of `./jgrad mnist`: the same networks, initialization scheme, optimizer, batch size and
learning-rate schedule, for the side-by-side benchmark (run.sh). Not part of `mvn test`.

    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp python3 torch_mnist.py --model mlp --epochs 1

The recipe, as jgrad.examples.mnist.MnistTrainer: softmax cross-entropy; SGD with classic momentum 0.9
and L2 decay 1e-4 of the weights only (g = grad + wd * w; v = mu * v + g; w -= lr * v, which is
torch.optim.SGD); the rate warms up linearly over min(200, total / 10) steps to 0.1, then follows a
cosine to 0 at the last step; batches reshuffled every epoch. Weights of layers followed by ReLU start
He uniform (U(-a, a), a = sqrt(6 / fan_in)), the output layer Glorot uniform, biases zero.

Prints one line per epoch and, last, `throughput <samples/s> samples/s` over the training epochs only
(evaluation excluded, as jgrad's samples/s).
"""
import argparse
import math
import os
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    if magic >> 8 != 0x08:
        raise SystemExit(f"torch_mnist: {path}: expected unsigned-byte IDX data, got magic {magic:#x}")
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def load(data_dir, prefix):
    images = read_idx(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte")).reshape(-1, 784).float() / 255.0
    labels = read_idx(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte")).long()
    return images, labels


def he_uniform(layer):
    fan_in = layer.weight[0].numel()
    a = math.sqrt(6.0 / fan_in)
    nn.init.uniform_(layer.weight, -a, a)
    nn.init.zeros_(layer.bias)


def glorot_uniform(layer):
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)


class Mlp(nn.Module):
    """784-512-256-10 with ReLU."""

    def __init__(self):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(784, 512), nn.Linear(512, 256), nn.Linear(256, 10)
        he_uniform(self.fc1)
        he_uniform(self.fc2)
        glorot_uniform(self.fc3)

    def forward(self, x):
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class Cnn(nn.Module):
    """LeNet-style: conv 5x5 1->20, pool 2, ReLU, conv 5x5 20->50, pool 2, ReLU, dense 800->500, ReLU, 500->10.

    ReLU after each pool, as jgrad's MnistModel.CNN: the same function (max commutes with ReLU) on a
    quarter of the elements, so both frameworks get the same saving."""

    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 20, 5), nn.Conv2d(20, 50, 5)
        self.fc1, self.fc2 = nn.Linear(800, 500), nn.Linear(500, 10)
        for layer in (self.conv1, self.conv2, self.fc1):
            he_uniform(layer)
        glorot_uniform(self.fc2)

    def forward(self, x):
        x = x.view(-1, 1, 28, 28)
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def learning_rate(step, peak, warmup, total):
    if step < warmup:
        return peak * (step + 1) / warmup
    if step >= total:
        return 0.0
    return peak * (1 + math.cos(math.pi * (step - warmup) / (total - warmup))) / 2


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=["mlp", "cnn"], default="mlp")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: PyTorch's default)")
    parser.add_argument("--data-dir", default=os.path.expanduser("~/.cache/jgrad/mnist"))
    args = parser.parse_args()
    if args.epochs < 1 or args.batch_size < 1:
        raise SystemExit(f"torch_mnist: --epochs and --batch-size must be at least 1, got {args.epochs} and {args.batch_size}")

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train_x, train_y = load(args.data_dir, "train")
    test_x, test_y = load(args.data_dir, "t10k")
    model = Mlp() if args.model == "mlp" else Cnn()
    weights = [p for name, p in model.named_parameters() if not name.endswith("bias")]
    biases = [p for name, p in model.named_parameters() if name.endswith("bias")]
    sgd = torch.optim.SGD([{"params": weights, "weight_decay": 1e-4}, {"params": biases, "weight_decay": 0.0}],
                          lr=args.lr, momentum=0.9)
    batches = math.ceil(len(train_x) / args.batch_size)
    total = args.epochs * batches
    warmup = min(200, total // 10)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, "
          f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')}, model {args.model}, "
          f"{args.epochs} epochs in batches of {args.batch_size}", flush=True)

    step, samples, seconds = 0, 0, 0.0
    generator = torch.Generator().manual_seed(args.seed)
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(train_x), generator=generator)
        loss_sum = 0.0
        start = time.perf_counter()
        for b in range(batches):
            index = order[b * args.batch_size:(b + 1) * args.batch_size]
            for group in sgd.param_groups:
                group["lr"] = learning_rate(step, args.lr, warmup, total)
            step += 1
            loss = F.cross_entropy(model(train_x[index]), train_y[index])
            sgd.zero_grad(set_to_none=True)
            loss.backward()
            sgd.step()
            loss_sum += loss.item() * len(index)
        elapsed = time.perf_counter() - start
        samples += len(train_x)
        seconds += elapsed
        model.eval()
        with torch.no_grad():
            correct = sum((model(test_x[i:i + 1000]).argmax(1) == test_y[i:i + 1000]).sum().item()
                          for i in range(0, len(test_x), 1000))
        print(f"epoch {epoch}/{args.epochs}  train loss {loss_sum / len(train_x):.4f}  "
              f"test accuracy {correct / len(test_x):.4f}  {len(train_x) / elapsed:.0f} samples/s  ({elapsed:.1f} s)",
              flush=True)
    print(f"throughput {samples / seconds:.1f} samples/s")


if __name__ == "__main__":
    sys.exit(main())
