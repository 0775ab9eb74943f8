#!/usr/bin/env python3
"""Writes the neat-python parity fixtures under Tests/EngineTests/Fixtures/neat-python/.

For each case it builds a neat-python genome (random initial genome, then many
mutations with high rates, plus hand-made edge cases), and writes

  <case>/genome.json   the whole genome in neat-python's network JSON format 1.0
                       (every node, disabled connections with "enabled": false,
                       plus each connection's "innovation")
  <case>/network.json  neat-python's own export_network_json() of
                       FeedForwardNetwork.create(genome) (its phenotype)
  <case>/vectors.json  20 input vectors and FeedForwardNetwork.activate's outputs

The Swift tests import both JSON files, compile them and compare outputs.

The Swift network evaluates in single precision. So that a fixture tests
semantics rather than float32 rounding, a vector is kept only when the network
is well conditioned there: evaluating with every parameter and input rounded to
float32 must change no output by more than 1e-6 (relative when |y| > 1).

Usage: python scripts/make_neat_python_fixtures.py [--out DIR] [--seed 7]
Needs only neat-python (scripts/requirements-neat.txt).
"""
import argparse
import json
import math
import os
import random
import struct
import sys
import tempfile

import neat
from neat.export import export_network_json

ACTIVATIONS = ("sigmoid tanh sin gauss relu elu lelu selu softplus identity clamped "
               "inv log exp abs hat square cube")
AGGREGATIONS = "sum product max min maxabs median mean"

CONFIG = """
[NEAT]
fitness_criterion      = max
fitness_threshold      = 100
pop_size               = {pop}
reset_on_extinction    = False
no_fitness_termination = False

[DefaultGenome]
num_inputs              = {inputs}
num_outputs             = {outputs}
num_hidden              = {hidden}
feed_forward            = True
initial_connection      = {initial}
activation_default      = {act_default}
activation_options      = {acts}
activation_mutate_rate  = {act_rate}
aggregation_default     = sum
aggregation_options     = {aggs}
aggregation_mutate_rate = {agg_rate}
bias_init_mean          = 0.0
bias_init_stdev         = 1.0
bias_max_value          = 3.0
bias_min_value          = -3.0
bias_mutate_power       = 0.5
bias_mutate_rate        = 0.8
bias_replace_rate       = 0.1
response_init_mean      = 1.0
response_init_stdev     = 0.3
response_max_value      = 2.0
response_min_value      = -2.0
response_mutate_power   = 0.3
response_mutate_rate    = 0.5
response_replace_rate   = 0.1
weight_init_mean        = 0.0
weight_init_stdev       = 1.0
weight_max_value        = 3
weight_min_value        = -3
weight_mutate_power     = 0.5
weight_mutate_rate      = 0.8
weight_replace_rate     = 0.1
enabled_default         = True
enabled_mutate_rate     = 0.2
compatibility_disjoint_coefficient = 1.0
compatibility_weight_coefficient   = 0.5
conn_add_prob           = 0.6
conn_delete_prob        = 0.1
node_add_prob           = 0.4
node_delete_prob        = 0.05

[DefaultSpeciesSet]
compatibility_threshold = 3.0

[DefaultStagnation]
species_fitness_func = max
max_stagnation       = 20
species_elitism      = 2

[DefaultReproduction]
elitism            = 2
survival_threshold = 0.2
"""

# name, config parameters, mutations per genome, edge-case surgery
CASES = [
    ("xor-sigmoid", dict(inputs=2, outputs=1, hidden=0, initial="full_direct", act_default="sigmoid",
                         acts="sigmoid", act_rate=0.0, aggs="sum", agg_rate=0.0), 12, None),
    ("mixed-activations", dict(inputs=4, outputs=2, hidden=2, initial="partial_direct 0.7", act_default="random",
                               acts=ACTIVATIONS, act_rate=0.3, aggs="sum", agg_rate=0.0), 20, None),
    ("mixed-aggregations", dict(inputs=3, outputs=3, hidden=2, initial="full_direct", act_default="random",
                                acts="sigmoid tanh relu identity clamped gauss", act_rate=0.3,
                                aggs=AGGREGATIONS, agg_rate=0.4), 25, None),
    ("edge-cases", dict(inputs=3, outputs=3, hidden=3, initial="full_nodirect", act_default="random",
                        acts="sigmoid tanh identity relu", act_rate=0.2, aggs="sum product mean max", agg_rate=0.3),
     15, "edge"),
    ("wide", dict(inputs=12, outputs=3, hidden=4, initial="partial_direct 0.5", act_default="random",
                  acts="sigmoid tanh relu elu selu softplus", act_rate=0.2, aggs="sum", agg_rate=0.0), 40, None),
    ("deep-all", dict(inputs=5, outputs=2, hidden=0, initial="fs_neat_hidden", act_default="random",
                      acts=ACTIVATIONS, act_rate=0.2, aggs=AGGREGATIONS, agg_rate=0.2), 60, None),
]


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def genome_document(genome, gc):
    """The whole genome in neat-python's network JSON format 1.0 (plus innovations)."""
    nodes = []
    for key in sorted(genome.nodes):
        n = genome.nodes[key]
        nodes.append({"id": key, "type": "output" if key in gc.output_keys else "hidden",
                      "activation": {"name": n.activation, "custom": False},
                      "aggregation": {"name": n.aggregation, "custom": False},
                      "bias": n.bias, "response": n.response})
    for key in gc.input_keys:
        nodes.append({"id": key, "type": "input", "activation": {"name": "identity", "custom": False},
                      "aggregation": {"name": "none", "custom": False}, "bias": 0.0, "response": 1.0})
    conns = [{"from": c.key[0], "to": c.key[1], "weight": c.weight, "enabled": c.enabled, "innovation": c.innovation}
             for c in sorted(genome.connections.values(), key=lambda c: c.innovation)]
    return {"format_version": "1.0", "network_type": "feedforward",
            "metadata": {"genome_id": genome.key, "neat_python_version": neat.__version__},
            "topology": {"num_inputs": len(gc.input_keys), "num_outputs": len(gc.output_keys),
                         "input_keys": gc.input_keys, "output_keys": gc.output_keys},
            "nodes": nodes, "connections": conns}


def edge_surgery(genome, gc, rng):
    """Makes the edge cases neat-python's feed_forward_layers handles specially."""
    # Output 1 with no incoming enabled connection: evaluated as act(bias + response * agg([])).
    for c in genome.connections.values():
        if c.key[1] == 1:
            c.enabled = False
    genome.nodes[1].bias = 0.7
    # Output 2 gets product aggregation; a hidden node with no incoming enabled
    # connections feeding it becomes a "bias neuron" (product of nothing is 1).
    hidden = sorted(k for k in genome.nodes if k not in gc.output_keys)
    h = hidden[0]
    for c in genome.connections.values():
        if c.key[1] == h:
            c.enabled = False
    genome.nodes[h].aggregation = "product"
    genome.nodes[h].bias = -0.4
    if (h, 2) not in genome.connections:
        genome.add_connection(gc, h, 2, 0.9, True)
    genome.connections[(h, 2)].enabled = True
    # A dangling hidden node (no path to any output): not evaluated.
    dangling = gc.get_new_node_key(genome.nodes)
    genome.nodes[dangling] = genome.create_node(gc, dangling)
    genome.add_connection(gc, -1, dangling, 1.5, True)


def evaluate_or_none(net, xs):
    try:
        ys = net.activate(xs)
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    if not all(math.isfinite(y) and abs(y) < 1e6 for y in ys):
        return None
    return ys


def float32_copy(genome):
    import copy
    g = copy.deepcopy(genome)
    for n in g.nodes.values():
        n.bias, n.response = f32(n.bias), f32(n.response)
    for c in g.connections.values():
        c.weight = f32(c.weight)
    return g


def well_conditioned(ys, ys32):
    return all(abs(a - b) <= 1e-6 * max(1.0, abs(a)) for a, b in zip(ys, ys32))


def make_case(name, params, mutations, surgery, out_dir, rng):
    text = CONFIG.format(pop=4, **params)
    with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        config = neat.Config(neat.DefaultGenome, neat.DefaultReproduction, neat.DefaultSpeciesSet,
                             neat.DefaultStagnation, path)
    finally:
        os.unlink(path)
    gc = config.genome_config
    pop = neat.Population(config)
    genome = pop.population[min(pop.population)]
    for _ in range(mutations):
        genome.mutate(gc)
    if surgery == "edge":
        edge_surgery(genome, gc, rng)
    net = neat.nn.FeedForwardNetwork.create(genome, config)
    net32 = neat.nn.FeedForwardNetwork.create(float32_copy(genome), config)
    inputs, outputs = [], []
    tries = 0
    while len(inputs) < 20:
        tries += 1
        if tries > 20000:
            raise SystemExit(f"{name}: could not find 20 well-conditioned input vectors; change the seed")
        xs = [f32(rng.uniform(-2, 2)) for _ in gc.input_keys]
        ys = evaluate_or_none(net, xs)
        ys32 = evaluate_or_none(net32, xs)
        if ys is None or ys32 is None or not well_conditioned(ys, ys32):
            continue
        inputs.append(xs)
        outputs.append(ys)
    case_dir = os.path.join(out_dir, name)
    os.makedirs(case_dir, exist_ok=True)
    with open(os.path.join(case_dir, "genome.json"), "w") as f:
        json.dump(genome_document(genome, gc), f, indent=1)
        f.write("\n")
    with open(os.path.join(case_dir, "network.json"), "w") as f:
        doc = json.loads(export_network_json(net))
        doc["metadata"].pop("created_timestamp", None)  # keep the fixture stable
        json.dump(doc, f, indent=1)
        f.write("\n")
    with open(os.path.join(case_dir, "vectors.json"), "w") as f:
        json.dump({"neat_python_version": neat.__version__, "inputs": inputs, "outputs": outputs}, f)
        f.write("\n")
    hidden = len([k for k in genome.nodes if k not in gc.output_keys])
    disabled = len([c for c in genome.connections.values() if not c.enabled])
    acts = sorted({n.activation for n in genome.nodes.values()})
    aggs = sorted({n.aggregation for n in genome.nodes.values()})
    print(f"{name}: {hidden} hidden, {len(genome.connections)} connections ({disabled} disabled), "
          f"activations {acts}, aggregations {aggs}, {tries} vectors tried", file=sys.stderr)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(here, "..", "Tests", "EngineTests", "Fixtures", "neat-python"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    random.seed(args.seed)  # neat-python draws from the global generator
    rng = random.Random(args.seed + 1)
    for name, params, mutations, surgery in CASES:
        make_case(name, params, mutations, surgery, args.out, rng)


if __name__ == "__main__":
    main()
