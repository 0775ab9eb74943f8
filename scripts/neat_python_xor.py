#!/usr/bin/env python3
"""neat-python's XOR example, N independent runs, one JSON line of figures.

The baseline for comparing `dashboard train --task xor --neat-config FILE`
with neat-python on the same configuration file. Each run is neat-python's
examples/xor/evolve-feedforward.py without reporters: fitness
4 - sum of squared errors over the four XOR cases, `Population.run` stops when
the file's fitness_criterion reaches its fitness_threshold, or after
--max-generations generations (then the run is a failure; so is a complete
extinction when reset_on_extinction is False).

Generations are counted as Population.run counts them: the number of
generations evaluated, including the one that reached the threshold
(`population.generation + 1` at the end of a solved run). mean/median
generations, evaluations, hidden nodes and connections are over solved runs;
generations_per_second is every generation evaluated (failed runs too) over
the seconds spent inside Population.run; wall_seconds is the whole loop of runs.
All timing is measured inside Python with time.perf_counter.

Usage:
  python scripts/neat_python_xor.py --runs 20 [--max-generations 300] [--seed 1]
                                    [--config configs/neat-python-xor.ini] [--verbose]
Run i uses seed (--seed + i). Needs only neat-python (scripts/requirements-neat.txt).
"""
import argparse
import json
import os
import statistics
import sys
import time

import neat

XOR_INPUTS = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
XOR_OUTPUTS = [(0.0,), (1.0,), (1.0,), (0.0,)]


class Counter:
    def __init__(self):
        self.generations = 0
        self.evaluations = 0


def make_eval(counter):
    def eval_genomes(genomes, config):
        counter.generations += 1
        for _, genome in genomes:
            counter.evaluations += 1
            genome.fitness = 4.0
            net = neat.nn.FeedForwardNetwork.create(genome, config)
            for xi, xo in zip(XOR_INPUTS, XOR_OUTPUTS):
                output = net.activate(xi)
                genome.fitness -= (output[0] - xo[0]) ** 2
    return eval_genomes


def one_run(config_path, seed, max_generations):
    config = neat.Config(neat.DefaultGenome, neat.DefaultReproduction, neat.DefaultSpeciesSet,
                         neat.DefaultStagnation, config_path)
    counter = Counter()
    start = time.perf_counter()
    population = neat.Population(config, seed=seed)
    try:
        winner = population.run(make_eval(counter), max_generations)
    except neat.CompleteExtinctionException:
        winner = None
    seconds = time.perf_counter() - start
    solved = False
    if winner is not None and not config.no_fitness_termination:
        solved = winner.fitness is not None and winner.fitness >= config.fitness_threshold
    result = {"seed": seed, "solved": solved, "generations": counter.generations,
              "evaluations": counter.evaluations, "seconds": seconds}
    if solved:
        gc = config.genome_config
        result["hidden_nodes"] = len([k for k in winner.nodes if k not in gc.output_keys])
        result["connections"] = len([c for c in winner.connections.values() if c.enabled])
        result["fitness"] = winner.fitness
    return result


def mean_or_none(values):
    return statistics.fmean(values) if values else None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--max-generations", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1, help="run i uses seed + i")
    ap.add_argument("--config", default=os.path.join(here, "..", "configs", "neat-python-xor.ini"))
    ap.add_argument("--verbose", action="store_true", help="one line per run on stderr")
    args = ap.parse_args()
    if args.runs < 1 or args.max_generations < 1:
        ap.error("--runs and --max-generations must be at least 1")

    wall_start = time.perf_counter()
    results = []
    for i in range(args.runs):
        r = one_run(args.config, args.seed + i, args.max_generations)
        results.append(r)
        if args.verbose:
            print(json.dumps(r), file=sys.stderr)
    wall = time.perf_counter() - wall_start

    solved = [r for r in results if r["solved"]]
    generations = [r["generations"] for r in solved]
    total_generations = sum(r["generations"] for r in results)
    run_seconds = sum(r["seconds"] for r in results)
    summary = {
        "task": "xor",
        "implementation": "neat-python",
        "neat_python_version": neat.__version__,
        "config": os.path.basename(args.config),
        "runs": args.runs,
        "failures": args.runs - len(solved),
        "max_generations": args.max_generations,
        "mean_generations": mean_or_none(generations),
        "median_generations": statistics.median(generations) if generations else None,
        "mean_evaluations": mean_or_none([r["evaluations"] for r in solved]),
        "mean_hidden_nodes": mean_or_none([r["hidden_nodes"] for r in solved]),
        "mean_connections": mean_or_none([r["connections"] for r in solved]),
        "generations_per_second": total_generations / run_seconds if run_seconds > 0 else None,
        "wall_seconds": wall,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
