"""Shares of a JFR recording's CPU samples under one method, as a call tree cut at a depth.

Usage: jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample --stack-depth 96 rec.jfr > rec.txt
       python3 scripts/jfr_shares.py rec.txt [root method, default ComputationGraph.fit] [depth, default 4]
Counts every sample (Java and native) whose stack passes through the root; prints, per path of the root's callees
down to the depth, the share of those samples, largest first (paths under 1% left out). Native samples of threads
parked in native code would count too, so only samples of the thread that called the root are in the root's tree.
"""
import re
import sys


def samples(path):
    stack, inside = [], False
    for line in open(path):
        line = line.strip()
        if line.startswith("stackTrace = ["):
            stack, inside = [], True
        elif inside and line == "]":
            inside = False
            yield stack
        elif inside and line and not line.startswith("..."):
            stack.append(re.sub(r"\(.*", "", line).rsplit(".", 2)[-2:])


def main():
    path = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else "ComputationGraph.fit"
    depth = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    tree, total = {}, 0                      # node: [count, children]
    for stack in samples(path):
        names = [".".join(f) for f in stack]          # innermost first
        if root not in names:
            continue
        total += 1
        level = tree
        for name in list(reversed(names[:names.index(root)]))[:depth]:
            node = level.setdefault(name, [0, {}])
            node[0] += 1
            level = node[1]
    print("%d samples under %s" % (total, root))
    show(tree, total, 0)


def show(level, total, indent):
    for name, (count, children) in sorted(level.items(), key=lambda kv: -kv[1][0]):
        if count / total >= 0.01:
            print("%5.1f%%  %s%s" % (100 * count / total, "    " * indent, name))
            show(children, total, indent + 1)


if __name__ == "__main__":
    main()
