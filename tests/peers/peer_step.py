#!/usr/bin/python3
"""PyTorch peer of `actorssl bench step`: the same training step on the same pre-made uint8 batches.

  plain  : backbone -> linear classifier -> cross-entropy -> SGD with momentum (the usual ResNet step benchmark)
  mocov2 : the default preset's MoCo v2 step: EMA update (m 0.99) before the key forward, InfoNCE (tau 0.2) against
           a 4096x64 queue of L2-normalised keys, projection 128->128->64, SGD lr 0.06 momentum 0.9 wd 5e-4,
           enqueue after the update.

--precision bf16 runs the backbone under torch.autocast("cpu", bfloat16) and casts its features back to float32, as
ActorSsl's train.precision = bf16 does (heads, loss and optimizer in float32).

--memory-format channels-last converts the backbone and its input to torch.channels_last, PyTorch's documented recipe
(ActorSsl's train.memory-format = channels-last makes every convolution's input and output channels-last and leaves the
weights as they are, which measured the same or faster there). The default, contiguous, is what a PyTorch script does
unless it asks.

Prints one line and writes the same JSON fields as `actorssl bench step --json` (median_step_ms, images_per_second,
RSS...). Needs Debian's python3-torch and python3-torchvision (`apt-get install python3-torch python3-torchvision`);
run it with /usr/bin/python3, which is the interpreter those packages install into.
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time



TCMALLOC = ("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4", "/usr/lib/aarch64-linux-gnu/libtcmalloc_minimal.so.4",
            "/usr/lib64/libtcmalloc_minimal.so.4", "/usr/lib/libtcmalloc_minimal.so.4")


def tune_glibc_malloc():
    """The allocator settings ActorSsl's GlibcMalloc.TuneForTraining applies (mallopt: 32 MiB mmap threshold, no mmap at
    all, 1 GiB trim threshold, 64 MiB top pad, one arena). Without them glibc maps and unmaps every large activation
    buffer: the MoCo step took 1,080-1,380 ms instead of 480-500 ms here; comparing against that would flatter ActorSsl."""
    import ctypes
    libc = ctypes.CDLL("libc.so.6")
    for parameter, value in ((-3, 32 << 20), (-4, 0), (-1, 1 << 30), (-2, 64 << 20), (-8, 1)):
        if libc.mallopt(parameter, value) != 1:
            raise SystemExit(f"peer_step.py: mallopt({parameter}, {value}) failed")


def tcmalloc_loaded():
    with open("/proc/self/maps") as f:
        return any("libtcmalloc" in line for line in f)


def choose_allocator(argv):
    """--allocator tcmalloc (the default, as actorssl's own) re-executes this script with gperftools' tcmalloc in
    LD_PRELOAD, as actorssl re-executes itself (TcmallocPreload); --allocator glibc keeps glibc's malloc, tuned as
    ActorSsl tunes it unless --no-glibc-tuning. Returns the allocator that serves this process."""
    allocator = "tcmalloc"
    for i, arg in enumerate(argv):
        if arg == "--allocator" and i + 1 < len(argv):
            allocator = argv[i + 1]
        elif arg.startswith("--allocator="):
            allocator = arg.split("=", 1)[1]
    if allocator == "tcmalloc":
        if tcmalloc_loaded():
            return "tcmalloc"
        library = next((p for p in TCMALLOC if os.path.exists(p)), None)
        if library is None:
            raise SystemExit("peer_step.py: --allocator tcmalloc needs libtcmalloc-minimal4 (apt-get install libtcmalloc-minimal4)")
        if os.environ.get("PEER_TCMALLOC_REEXEC") == "1":
            raise SystemExit(f"peer_step.py: {library} did not load through LD_PRELOAD")
        env = dict(os.environ, PEER_TCMALLOC_REEXEC="1", LD_PRELOAD=":".join(filter(None, [library, os.environ.get("LD_PRELOAD")])))
        os.execve(sys.executable, [sys.executable] + argv, env)
    if allocator != "glibc":
        raise SystemExit(f"peer_step.py: --allocator {allocator!r} must be tcmalloc or glibc")
    if "--no-glibc-tuning" in argv:
        return "glibc (defaults)"
    tune_glibc_malloc()
    return "glibc (tuned as ActorSsl)"


ALLOCATOR = choose_allocator(sys.argv)

import torch  # noqa: E402  (after mallopt, as ActorSsl tunes before libtorch allocates)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def rss_mb():
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class BasicBlock(nn.Module):
    """torchvision's basic block, as ActorSsl's BasicBlock."""

    def __init__(self, cin, width, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, width, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.downsample = None
        if stride != 1 or cin != width:
            self.downsample = nn.Sequential(nn.Conv2d(cin, width, 1, stride, bias=False), nn.BatchNorm2d(width))

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)), inplace=True)
        h = self.bn2(self.conv2(h))
        return F.relu(h + (x if self.downsample is None else self.downsample(x)), inplace=True)


class SmallResNet(nn.Module):
    """3x3 stem c->w0 + BN + ReLU, one BasicBlock per stage (strides 1, 2, 2), global average pool."""

    def __init__(self, channels, widths=(32, 64, 128)):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, widths[0], 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        stages, cin = [], widths[0]
        for i, w in enumerate(widths):
            stages.append(BasicBlock(cin, w, 1 if i == 0 else 2))
            cin = w
        self.stages = nn.Sequential(*stages)
        self.feature_dim = widths[-1]
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)), inplace=True)
        return torch.flatten(F.adaptive_avg_pool2d(self.stages(x), 1), 1)


def resnet18_cifar(channels):
    import torchvision
    net = torchvision.models.resnet18(num_classes=10)
    net.conv1 = nn.Conv2d(channels, 64, 3, 1, 1, bias=False)
    nn.init.kaiming_normal_(net.conv1.weight, mode="fan_out", nonlinearity="relu")
    net.maxpool = nn.Identity()
    net.fc = nn.Identity()
    net.feature_dim = 512
    return net


def backbone(name, channels):
    if name == "small-resnet":
        return SmallResNet(channels)
    if name == "resnet18-cifar":
        return resnet18_cifar(channels)
    raise SystemExit(f"peer_step.py: --model {name!r} must be small-resnet or resnet18-cifar")


class Encoder(nn.Module):
    def __init__(self, name, channels, hidden=128, out=64, bf16=False):
        super().__init__()
        self.backbone = Bf16Backbone(backbone(name, channels)) if bf16 else backbone(name, channels)
        self.head = nn.Sequential(nn.Linear(self.backbone.feature_dim, hidden), nn.ReLU(inplace=True), nn.Linear(hidden, out))

    def forward(self, x):
        return self.head(self.backbone(x))


class Bf16Backbone(nn.Module):
    """The backbone under CPU autocast (bfloat16), its pooled features back in float32."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner
        self.feature_dim = inner.feature_dim

    def forward(self, x):
        with torch.autocast("cpu", dtype=torch.bfloat16):
            features = self.inner(x)
        return features.float()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default="small-resnet")
    p.add_argument("--method", default="mocov2", choices=["plain", "mocov2"])
    p.add_argument("--batch-size", type=int)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--json")
    p.add_argument("--precision", default="fp32", choices=["fp32", "bf16"])
    p.add_argument("--memory-format", default="contiguous", choices=["contiguous", "channels-last"])
    p.add_argument("--allocator", default="tcmalloc", choices=["tcmalloc", "glibc"], help="malloc serving libtorch (see choose_allocator)")
    p.add_argument("--no-glibc-tuning", action="store_true", help="with --allocator glibc: leave glibc's malloc defaults (see tune_glibc_malloc)")
    a = p.parse_args()

    channels, size = (1, 28) if a.model == "small-resnet" else (3, 32)
    batch = a.batch_size or (128 if a.model == "resnet18-cifar" else 256)
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    # Two uint8 views per sample, drawn once, as ActorSsl's SyntheticBatches.
    pixels = torch.randint(0, 256, (2, batch, channels, size, size), dtype=torch.uint8)
    mean, std = (0.5, 0.25) if a.method == "mocov2" else ((0.2860, 0.3530) if channels == 1 else (0.449, 0.226))

    layout = torch.channels_last if a.memory_format == "channels-last" else torch.contiguous_format

    def normalise(view):
        return ((view.float().div_(255.0) - mean) / std).contiguous(memory_format=layout)

    if a.method == "plain":
        net = Bf16Backbone(backbone(a.model, channels)) if a.precision == "bf16" else backbone(a.model, channels)
        net = net.to(memory_format=layout)
        classifier = nn.Linear(net.feature_dim, 10)
        params = list(net.parameters()) + list(classifier.parameters())
        opt = torch.optim.SGD(params, lr=0.05, momentum=0.9, weight_decay=5e-4)
        labels = torch.arange(batch) % 10

        def step(_):
            net.train()
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(classifier(net(normalise(pixels[0]))), labels)
            value = loss.item()
            loss.backward()
            opt.step()
            return value
    else:
        online = Encoder(a.model, channels, bf16=a.precision == "bf16").to(memory_format=layout)
        target = Encoder(a.model, channels, bf16=a.precision == "bf16").to(memory_format=layout)
        target.load_state_dict(online.state_dict())
        for t in target.parameters():
            t.requires_grad_(False)
        queue = F.normalize(torch.randn(4096, 64), dim=1)
        pointer = [0]
        opt = torch.optim.SGD(online.parameters(), lr=0.06, momentum=0.9, weight_decay=5e-4)
        zeros = torch.zeros(batch, dtype=torch.long)

        def step(_):
            online.train()
            target.train()
            with torch.no_grad():
                for pk, pq in zip(target.parameters(), online.parameters()):
                    pk.mul_(0.99).add_(pq, alpha=0.01)
            q = F.normalize(online(normalise(pixels[0])), dim=1)
            with torch.no_grad():
                k = F.normalize(target(normalise(pixels[1])), dim=1)
            logits = torch.cat([(q * k).sum(1, keepdim=True), q @ queue.t()], 1) / 0.2
            loss = F.cross_entropy(logits, zeros)
            value = loss.item()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            i = pointer[0]
            queue[i:i + batch] = k  # K is a multiple of the batch size in every recipe here
            pointer[0] = (i + batch) % queue.shape[0]
            return value

    times, rss = [], []
    for i in range(a.warmup + a.steps):
        start = time.perf_counter()
        step(i)
        if i >= a.warmup:
            times.append((time.perf_counter() - start) * 1000)
            rss.append(rss_mb())

    times_sorted = sorted(times)

    def quantile(q):
        return times_sorted[round(q * (len(times_sorted) - 1))]

    median = statistics.median(times)
    blas = "mkldnn" if torch.backends.mkldnn.is_available() else "no-mkldnn"
    result = {
        "model": a.model, "method": a.method, "batch_size": batch, "threads": a.threads, "precision": a.precision,
        "memory_format": a.memory_format,
        "input": f"{channels}x{size}x{size}", "runtime": f"PyTorch {torch.__version__} ({blas}, {torch.get_num_threads()} threads, malloc: {ALLOCATOR})",
        "allocator": ALLOCATOR.split(" ")[0],
        "steps": len(times), "median_step_ms": round(median, 2), "p10_step_ms": round(quantile(0.1), 2),
        "p90_step_ms": round(quantile(0.9), 2), "images_per_second": round(batch * 1000 / median, 1),
        "rss_first_mb": round(rss[0], 1), "rss_last_mb": round(rss[-1], 1), "rss_max_mb": round(max(rss), 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    print(f"{a.method}/{a.model} batch {batch} {result['input']}, {a.precision}, {a.memory_format}, {a.threads} threads: median {median:.1f} ms/step "
          f"= {result['images_per_second']:.1f} img/s over {len(times)} steps; RSS {rss[0]:.0f} -> {rss[-1]:.0f} MB "
          f"(peak {result['peak_rss_mb']:.0f}); {result['runtime']}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
