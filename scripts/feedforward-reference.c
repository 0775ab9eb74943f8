/*
 * The feed-forward reference for `dashboard bench feedforward --reference`: the
 * same network evaluation as CompiledNetwork (sum aggregation, neat-python's
 * sigmoid), written as plain C the way one would without hand tuning, for the
 * compiler to optimise with every liberty: scripts/bench-feedforward builds it with
 * `cc -O3 -march=native -ffast-math -shared -fPIC`. It is not part of the
 * dashboard's build and never ships.
 *
 * The network arrives in CompiledNetwork's layout (nodes in topological order;
 * node k's sources and weights are sources[starts[k] .. starts[k+1]), slot s < nIn
 * is input s, slot nIn + k is node k's value). A node whose sources are one
 * contiguous run of slots is evaluated as a plain dot product over that run, and
 * consecutive such nodes reading the same run (a dense layer) as one matrix-vector
 * product, W row-major; the others gather.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int nIn, nOut, nodes, slots, copiesInputs, oneLayer;
    int32_t *starts, *first, *layer, *sources, *outputSlots;
    float *weights, *bias, *response, *values;
} ff_net;

int ff_reference_abi(void) { return 1; }

void ff_reference_destroy(void *p) {
    ff_net *n = p;
    if (!n) return;
    free(n->starts); free(n->first); free(n->layer); free(n->sources); free(n->outputSlots);
    free(n->weights); free(n->bias); free(n->response); free(n->values);
    free(n);
}

static void *copy(const void *from, size_t bytes) {
    void *to = malloc(bytes ? bytes : 1);
    if (to && bytes) memcpy(to, from, bytes);
    return to;
}

/* Every node sums its weighted sources and applies neat-python's sigmoid. */
void *ff_reference_create(int nIn, int nOut, int nodes, const int32_t *starts, const int32_t *sources,
                          const float *weights, const float *bias, const float *response, const int32_t *outputSlots) {
    ff_net *n = calloc(1, sizeof *n);
    if (!n) return NULL;
    int conns = starts[nodes];
    n->nIn = nIn; n->nOut = nOut; n->nodes = nodes; n->slots = nIn + nodes;
    n->starts = copy(starts, sizeof(int32_t) * (nodes + 1));
    n->sources = copy(sources, sizeof(int32_t) * conns);
    n->weights = copy(weights, sizeof(float) * conns);
    n->bias = copy(bias, sizeof(float) * nodes);
    n->response = copy(response, sizeof(float) * nodes);
    n->outputSlots = copy(outputSlots, sizeof(int32_t) * nOut);
    n->first = malloc(sizeof(int32_t) * (nodes ? nodes : 1));
    n->layer = malloc(sizeof(int32_t) * (nodes ? nodes : 1));
    n->values = malloc(sizeof(float) * (n->slots ? n->slots : 1));
    if (!n->starts || !n->sources || !n->weights || !n->bias || !n->response || !n->outputSlots || !n->first || !n->layer || !n->values) {
        ff_reference_destroy(n);
        return NULL;
    }
    for (int k = 0; k < nodes; k++) {
        int lo = starts[k], hi = starts[k + 1], dense = hi > lo;
        for (int j = lo + 1; j < hi; j++) if (sources[j] != sources[j - 1] + 1) dense = 0;
        n->first[k] = dense ? sources[lo] : -1;
        /* Dense runs wholly among the inputs read the caller's vector in place. */
        if (hi > lo && !(dense && sources[hi - 1] < nIn) && sources[lo] < nIn) n->copiesInputs = 1;
    }
    /* layer[k]: how many nodes from k on read the same contiguous run as k. */
    for (int k = nodes - 1; k >= 0; k--) {
        int same = k + 1 < nodes && n->first[k] >= 0 && n->first[k + 1] == n->first[k]
                   && starts[k + 2] - starts[k + 1] == starts[k + 1] - starts[k];
        n->layer[k] = n->first[k] < 0 ? 0 : (same ? n->layer[k + 1] + 1 : 1);
    }
    /* The whole network one dense layer over all the inputs, outputs in node order
     * (the duel's fully connected 100 → 3): y = sigmoid(b + r W x) straight into the outputs. */
    n->oneLayer = nodes > 0 && nodes == nOut && n->layer[0] == nodes && n->first[0] == 0 && starts[1] == nIn;
    for (int o = 0; o < nOut && n->oneLayer; o++) if (outputSlots[o] != nIn + o) n->oneLayer = 0;
    return n;
}

static inline float sigmoid(float z) {
    float x = 5 * z;
    x = x < -60 ? -60 : (x > 60 ? 60 : x);
    return 1 / (1 + expf(-x));
}

static void dense_layer(const float *restrict x, const float *restrict W, const float *restrict bias,
                        const float *restrict response, float *restrict y, int nIn, int nOut) {
    for (int o = 0; o < nOut; o++) {
        float acc = 0;
        for (int j = 0; j < nIn; j++) acc += W[o * nIn + j] * x[j];
        y[o] = sigmoid(bias[o] + response[o] * acc);
    }
}

static void evaluate_one(const ff_net *n, const float *restrict in, float *restrict out) {
    float *restrict v = n->values;
    if (n->copiesInputs) memcpy(v, in, sizeof(float) * n->nIn);
    for (int k = 0; k < n->nodes;) {
        int lo = n->starts[k], hi = n->starts[k + 1], len = hi - lo, rows = n->layer[k];
        if (rows > 0) {
            const float *restrict x = n->first[k] + len <= n->nIn ? in + n->first[k] : v + n->first[k];
            const float *restrict W = n->weights + lo;
            float *restrict y = v + n->nIn + k;
            for (int o = 0; o < rows; o++) {
                float acc = 0;
                for (int j = 0; j < len; j++) acc += W[o * len + j] * x[j];
                y[o] = sigmoid(n->bias[k + o] + n->response[k + o] * acc);
            }
            k += rows;
        } else {
            const float *restrict w = n->weights + lo;
            const int32_t *restrict s = n->sources + lo;
            float acc = 0;
            for (int j = 0; j < len; j++) acc += v[s[j]] * w[j];
            v[n->nIn + k] = sigmoid(n->bias[k] + n->response[k] * acc);
            k += 1;
        }
    }
    for (int o = 0; o < n->nOut; o++) out[o] = n->outputSlots[o] >= 0 ? v[n->outputSlots[o]] : 0;
}

/* Evaluates `rows` vectors, row-major. */
void ff_reference_evaluate(void *p, const float *inputs, int rows, float *outputs) {
    const ff_net *n = p;
    if (n->oneLayer) {
        for (int r = 0; r < rows; r++)
            dense_layer(inputs + (size_t)r * n->nIn, n->weights, n->bias, n->response, outputs + (size_t)r * n->nOut, n->nIn, n->nOut);
        return;
    }
    for (int r = 0; r < rows; r++) evaluate_one(n, inputs + (size_t)r * n->nIn, outputs + (size_t)r * n->nOut);
}
