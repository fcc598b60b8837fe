#!/usr/bin/python3
"""Runs ActorSsl's benchmark and its PyTorch peer alternately (A B A B ..., --rounds rounds) and prints the medians
and the ratio, so that both sides see the same machine state (this machine's speed drifts by 15-20 % over an hour).

  suites: step-moco      actorssl bench step (small-resnet, MoCo v2, batch 256)   vs peer_step.py, median_step_ms
          step-resnet18  actorssl bench step (resnet18-cifar, plain, batch 128)   vs peer_step.py, median_step_ms
          step-moco-bf16 and step-resnet18-bf16: the same with --precision bf16 on both sides (PyTorch: CPU autocast)
          augment-28     actorssl bench augment --size 28 (Fashion-MNIST)         vs peer_augment.py, pairs/s/worker
          augment-224    actorssl bench augment --size 224 (500x375 JPEG)          vs peer_augment.py, pairs/s/worker

--allocator tcmalloc (the default) runs both sides under gperftools' tcmalloc, --allocator glibc both under glibc's
malloc with ActorSsl's settings (ACTORSSL_MALLOC=glibc for actorssl, peer_step.py --allocator glibc).
--memory-format sets the step suites' activation layout: "defaults" (each side's own: ActorSsl's auto, which is
channels-last on the CPU with oneDNN, against PyTorch's contiguous), or contiguous or channels-last on both sides.

Example (from the repository root, after `dotnet build src/ActorSsl.Cli -c Release`):
  /usr/bin/python3 tests/peers/alternate.py --suite all --rounds 3 --json runs/peers.json
Benchmarks, not tests: run them on an otherwise idle machine.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"


def suites(actorssl, threads, steps, seconds, jpeg, allocator, memory_format):
    step_common = ["--threads", str(threads), "--steps", str(steps)]
    peer_step = [PYTHON, f"{HERE}/peer_step.py", "--allocator", allocator]
    if memory_format != "defaults":
        step_common += ["--memory-format", memory_format]
    return {
        "step-moco": dict(metric="median_step_ms", lower_is_better=True,
                          a=actorssl + ["bench", "step", "--model", "small-resnet", "--method", "mocov2", "--batch-size", "256"] + step_common,
                          b=peer_step + ["--model", "small-resnet", "--method", "mocov2", "--batch-size", "256"] + step_common),
        "step-resnet18": dict(metric="median_step_ms", lower_is_better=True,
                              a=actorssl + ["bench", "step", "--model", "resnet18-cifar", "--method", "plain", "--batch-size", "128"] + step_common,
                              b=peer_step + ["--model", "resnet18-cifar", "--method", "plain", "--batch-size", "128"] + step_common),
        "step-moco-bf16": dict(metric="median_step_ms", lower_is_better=True,
                               a=actorssl + ["bench", "step", "--model", "small-resnet", "--method", "mocov2", "--batch-size", "256", "--precision", "bf16"] + step_common,
                               b=peer_step + ["--model", "small-resnet", "--method", "mocov2", "--batch-size", "256", "--precision", "bf16"] + step_common),
        "step-resnet18-bf16": dict(metric="median_step_ms", lower_is_better=True,
                                   a=actorssl + ["bench", "step", "--model", "resnet18-cifar", "--method", "plain", "--batch-size", "128", "--precision", "bf16"] + step_common,
                                   b=peer_step + ["--model", "resnet18-cifar", "--method", "plain", "--batch-size", "128", "--precision", "bf16"] + step_common),
        "augment-28": dict(metric="pairs_per_second_per_worker", lower_is_better=False,
                           a=actorssl + ["bench", "augment", "--size", "28", "--source", "fashion-mnist", "--workers", "1", "--seconds", str(seconds)],
                           b=[PYTHON, f"{HERE}/peer_augment.py", "--size", "28", "--seconds", str(seconds)]),
        "augment-224": dict(metric="pairs_per_second_per_worker", lower_is_better=False,
                            a=actorssl + ["bench", "augment", "--size", "224", "--source", "jpeg:" + jpeg, "--workers", "1", "--seconds", str(seconds)],
                            b=[PYTHON, f"{HERE}/peer_augment.py", "--size", "224", "--jpeg", jpeg, "--seconds", str(seconds)]),
    }


def run(command, tmp, tag):
    path = os.path.join(tmp, tag + ".json")
    done = subprocess.run(command + ["--json", path], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"alternate.py: {' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    print("   ", done.stdout.strip().splitlines()[-1])
    with open(path) as f:
        return json.load(f)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--suite", default="all", help="step-moco, step-resnet18, step-moco-bf16, step-resnet18-bf16, augment-28, augment-224 or all (comma-separated)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--seconds", type=float, default=15)
    p.add_argument("--actorssl", default="dotnet src/ActorSsl.Cli/bin/Release/net10.0/actorssl.dll")
    p.add_argument("--allocator", default="tcmalloc", choices=["tcmalloc", "glibc"], help="malloc for both sides of the step suites")
    p.add_argument("--memory-format", default="defaults", choices=["defaults", "contiguous", "channels-last"],
                   help="activation layout of the step suites: each side's default, or the same on both sides")
    p.add_argument("--json", help="write every run and the medians here")
    a = p.parse_args()
    os.environ["ACTORSSL_MALLOC"] = a.allocator

    with tempfile.TemporaryDirectory(prefix="actorssl-peers-") as tmp:
        jpeg = os.path.join(tmp, "sample-500x375.jpg")
        subprocess.run([PYTHON, f"{HERE}/peer_augment.py", "--make-jpeg", jpeg], check=True)
        table = suites(a.actorssl.split(), a.threads, a.steps, a.seconds, jpeg, a.allocator, a.memory_format)
        chosen = list(table) if a.suite == "all" else a.suite.split(",")
        report = {}
        for name in chosen:
            if name not in table:
                raise SystemExit(f"alternate.py: unknown suite {name!r}; known: {', '.join(table)}")
            s = table[name]
            print(f"{name}: {a.rounds} rounds, ActorSsl (A) and PyTorch (B) alternately")
            runs_a, runs_b = [], []
            for r in range(a.rounds):
                runs_a.append(run(s["a"], tmp, f"{name}-a{r}"))
                runs_b.append(run(s["b"], tmp, f"{name}-b{r}"))
            ma = statistics.median(x[s["metric"]] for x in runs_a)
            mb = statistics.median(x[s["metric"]] for x in runs_b)
            # ratio > 1 means ActorSsl is faster, whichever way the metric points.
            speedup = mb / ma if s["lower_is_better"] else ma / mb
            print(f"  {s['metric']}: ActorSsl median {ma:.1f}, PyTorch median {mb:.1f}; ActorSsl is {speedup:.2f}x the peer")
            report[name] = {"metric": s["metric"], "actorssl": runs_a, "peer": runs_b,
                            "actorssl_median": ma, "peer_median": mb, "actorssl_speedup": round(speedup, 3)}
        if a.json:
            os.makedirs(os.path.dirname(os.path.abspath(a.json)), exist_ok=True)
            with open(a.json, "w") as f:
                json.dump(report, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
