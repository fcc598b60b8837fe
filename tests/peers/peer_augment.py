#!/usr/bin/python3
"""torchvision peer of `actorssl bench augment`: two augmented uint8 views per sample, one thread, for a fixed time.

  --size 28  : Fashion-MNIST training images (28x28 grey, read from the gzipped IDX file once, up front, as
               ActorSsl's IDX source does), the default preset's recipe: RandomResizedCrop(28, scale 0.2-1),
               horizontal flip 0.5, brightness/contrast jitter 0.4 with p 0.8.
  --size 224 : one ~500x375 JPEG decoded per sample (both views come from the same decode), the MoCo v2 ImageNet
               recipe as ActorSsl's imagefolder-224 preset: RandomResizedCrop(224, 0.2-1), ColorJitter(0.4, 0.4,
               0.4, 0.1) p 0.8, grayscale 0.2, Gaussian blur (kernel 23, sigma 0.1-2) p 0.5, flip 0.5.

Writes pairs_per_second (= per worker: one process, one thread) as JSON. Needs Debian's python3-torchvision; run
with /usr/bin/python3. `--make-jpeg PATH` writes the synthetic 500x375 test JPEG both sides read and exits.
"""
import argparse
import gzip
import json
import struct
import sys
import time

import torch


def make_jpeg(path):
    """A deterministic 500x375 photo-like JPEG: smooth gradients, shapes and noise (quality 90)."""
    import numpy as np
    from PIL import Image, ImageDraw
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:375, 0:500]
    base = np.stack([128 + 100 * np.sin(x / 47.0), 128 + 100 * np.cos(y / 31.0), 128 + 60 * np.sin((x + y) / 71.0)], -1)
    noise = rng.normal(0, 12, base.shape)
    image = Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(25):
        x0, y0 = rng.integers(0, 450), rng.integers(0, 330)
        draw.ellipse([x0, y0, x0 + rng.integers(10, 120), y0 + rng.integers(10, 90)], fill=tuple(int(v) for v in rng.integers(0, 256, 3)))
    image.save(path, "JPEG", quality=90)


def fashion_mnist(path, limit):
    with gzip.open(path, "rb") as f:
        magic, count, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 2051:
            raise SystemExit(f"peer_augment.py: {path} is not an IDX image file (magic {magic})")
        count = min(count, limit)
        data = f.read(count * rows * cols)
    return [data[i * rows * cols:(i + 1) * rows * cols] for i in range(count)], rows, cols


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--size", type=int, default=28, choices=[28, 224])
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--idx", default="/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
    p.add_argument("--jpeg")
    p.add_argument("--make-jpeg")
    p.add_argument("--json")
    a = p.parse_args()
    if a.make_jpeg:
        make_jpeg(a.make_jpeg)
        return 0

    import torchvision.transforms as T
    from PIL import Image
    torch.set_num_threads(1)
    torch.manual_seed(0)
    if a.size == 28:
        images, rows, cols = fashion_mnist(a.idx, 10000)
        recipe = T.Compose([T.RandomResizedCrop(28, scale=(0.2, 1.0)), T.RandomHorizontalFlip(),
                            T.RandomApply([T.ColorJitter(0.4, 0.4)], p=0.8), T.PILToTensor()])

        def sample(i):
            return Image.frombytes("L", (cols, rows), images[i % len(images)])
        source = "fashion-mnist"
    else:
        if not a.jpeg:
            raise SystemExit("peer_augment.py: --size 224 needs --jpeg PATH (make one with --make-jpeg PATH)")
        with open(a.jpeg, "rb") as f:
            encoded = f.read()
        import io
        recipe = T.Compose([T.RandomResizedCrop(224, scale=(0.2, 1.0)),
                            T.RandomApply([T.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8), T.RandomGrayscale(p=0.2),
                            T.RandomApply([T.GaussianBlur(23, sigma=(0.1, 2.0))], p=0.5), T.RandomHorizontalFlip(),
                            T.PILToTensor()])

        def sample(_):
            return Image.open(io.BytesIO(encoded)).convert("RGB")
        source = "jpeg:" + a.jpeg

    for i in range(20):  # warm-up
        image = sample(i)
        recipe(image), recipe(image)
    pairs, start = 0, time.perf_counter()
    while time.perf_counter() - start < a.seconds:
        image = sample(pairs)
        v1, v2 = recipe(image), recipe(image)
        pairs += 1
    elapsed = time.perf_counter() - start
    import torchvision
    result = {"size": a.size, "source": source, "workers": 1, "pairs": pairs, "seconds": round(elapsed, 2),
              "pairs_per_second": round(pairs / elapsed, 1), "pairs_per_second_per_worker": round(pairs / elapsed, 1),
              "runtime": f"torchvision {torchvision.__version__}, PyTorch {torch.__version__}, 1 thread"}
    print(f"torchvision two-view augmentation at {a.size} px from {source}: {result['pairs_per_second']:.1f} pairs/s "
          f"(1 worker, {pairs} pairs in {elapsed:.1f} s)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
