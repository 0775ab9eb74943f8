#!/usr/bin/env python3
"""Independent re-implementation of the double-pole cart used by NEAT's C++ reference
(Stanley, experiments.cpp: CartPole::step / rk4 / performAction / outsideBounds /
evalNet), written from that code's equations in plain Python doubles.

It prints the expected numbers pasted into
Tests/EngineTests/Tasks/DoublePole/*Tests.swift, and derives the hand-built linear
controller (a discrete LQR gain, then mapped onto one steepened-sigmoid output
node) used to show the task is solvable.

    python3 scripts/double_pole_reference.py
"""
import math

# experiments.h (CartPole): constants and their names in the reference.
MUP = 0.000002          # pole-hinge friction
GRAVITY = -9.8
MASSCART = 1.0
MASSPOLE_1 = 0.1
LENGTH_1 = 0.5          # half length of the long pole
MASSPOLE_2 = 0.01       # CartPole::CartPole
LENGTH_2 = 0.05         # CartPole::CartPole, half length of the short pole
FORCE_MAG = 10.0
TAU = 0.01              # integration step
THIRTY_SIX_DEGREES = 0.628329


def step(action, st, derivs):
    """CartPole::step: fills derivs[1], derivs[3], derivs[5]."""
    force = (action - 0.5) * FORCE_MAG * 2
    costheta_1 = math.cos(st[2]); sintheta_1 = math.sin(st[2]); gsintheta_1 = GRAVITY * sintheta_1
    costheta_2 = math.cos(st[4]); sintheta_2 = math.sin(st[4]); gsintheta_2 = GRAVITY * sintheta_2
    ml_1 = LENGTH_1 * MASSPOLE_1
    ml_2 = LENGTH_2 * MASSPOLE_2
    temp_1 = MUP * st[3] / ml_1
    temp_2 = MUP * st[5] / ml_2
    fi_1 = (ml_1 * st[3] * st[3] * sintheta_1) + (0.75 * MASSPOLE_1 * costheta_1 * (temp_1 + gsintheta_1))
    fi_2 = (ml_2 * st[5] * st[5] * sintheta_2) + (0.75 * MASSPOLE_2 * costheta_2 * (temp_2 + gsintheta_2))
    mi_1 = MASSPOLE_1 * (1 - (0.75 * costheta_1 * costheta_1))
    mi_2 = MASSPOLE_2 * (1 - (0.75 * costheta_2 * costheta_2))
    derivs[1] = (force + fi_1 + fi_2) / (mi_1 + mi_2 + MASSCART)
    derivs[3] = -0.75 * (derivs[1] * costheta_1 + gsintheta_1 + temp_1) / LENGTH_1
    derivs[5] = -0.75 * (derivs[1] * costheta_2 + gsintheta_2 + temp_2) / LENGTH_2


def rk4(f, y, dydx):
    """CartPole::rk4."""
    hh = TAU * 0.5
    h6 = TAU / 6.0
    dym = [0.0] * 6; dyt = [0.0] * 6
    yt = [y[i] + hh * dydx[i] for i in range(6)]
    step(f, yt, dyt)
    dyt[0] = yt[1]; dyt[2] = yt[3]; dyt[4] = yt[5]
    yt = [y[i] + hh * dyt[i] for i in range(6)]
    step(f, yt, dym)
    dym[0] = yt[1]; dym[2] = yt[3]; dym[4] = yt[5]
    for i in range(6):
        yt[i] = y[i] + TAU * dym[i]
        dym[i] += dyt[i]
    step(f, yt, dyt)
    dyt[0] = yt[1]; dyt[2] = yt[3]; dyt[4] = yt[5]
    return [y[i] + h6 * (dydx[i] + dyt[i] + 2.0 * dym[i]) for i in range(6)]


def perform_action(output, state):
    """CartPole::performAction with RK4=true: two integration steps per action."""
    for _ in range(2):
        dydx = [0.0] * 6
        dydx[0] = state[1]; dydx[2] = state[3]; dydx[4] = state[5]
        step(output, state, dydx)
        state = rk4(output, state, dydx)
    return state


def outside_bounds(s):
    a = THIRTY_SIX_DEGREES
    return s[0] < -2.4 or s[0] > 2.4 or s[2] < -a or s[2] > a or s[4] < -a or s[4] > a


def initial():
    return [0.0, 0.0, 0.07, 0.0, 0.0, 0.0]   # CartPole::init: state[2] = 0.07


def run_constant(output, max_steps=100000, start=None):
    """evalNet's loop with a constant output: steps including the failing one."""
    s = list(start) if start is not None else initial(); steps = 0
    while steps < max_steps:
        steps += 1
        s = perform_action(output, s)
        if outside_bounds(s):
            break
    return steps, s


def fmt(v):
    return "[" + ", ".join(repr(x) for x in v) + "]"


def main():
    print("# derivatives at the initial state (x', x'', th1', th1'', th2', th2'')")
    for out in (0.5, 1.0, 0.0):
        s = initial(); d = [0.0] * 6
        d[0] = s[1]; d[2] = s[3]; d[4] = s[5]
        step(out, s, d)
        print(f"output {out}: {fmt(d)}")
    print("# state after control steps from the initial state")
    for out in (0.5, 1.0, 0.0):
        s = initial()
        s1 = perform_action(out, s)
        print(f"output {out}, 1 step: {fmt(s1)}")
    s = initial()
    for _ in range(10):
        s = perform_action(0.5, s)
    print(f"output 0.5, 10 steps: {fmt(s)}")
    s = initial()
    seq = [0.9, 0.1, 0.75, 0.3, 0.5, 1.0, 0.0, 0.6, 0.45, 0.2]
    for o in seq:
        s = perform_action(o, s)
    print(f"sequence {seq}: {fmt(s)}")
    for out in (0.5, 1.0, 0.0):
        n, fs = run_constant(out)
        print(f"constant output {out}: fails at step {n}, state {fmt(fs)}")
    for th1 in (0.0174532, 1e-6):   # one_degree, and a barely perturbed upright pole
        n, fs = run_constant(0.5, start=[0.0, 0.0, th1, 0.0, 0.0, 0.0])
        print(f"constant output 0.5 from theta1 = {th1}: fails at step {n}, state {fmt(fs)}")
    upright = [0.0] * 6
    for _ in range(1000):
        upright = perform_action(0.5, upright)
    print(f"upright, zero force, 1000 steps: {fmt(upright)}")
    lqr()


def linear_model(h=1e-6):
    """Jacobians of the control-step map (one action = 2 RK4 steps) at the upright state."""
    import numpy as np
    zero = [0.0] * 6
    base = perform_action(0.5, zero)
    A = np.zeros((6, 6)); B = np.zeros((6, 1))
    for j in range(6):
        p = list(zero); p[j] += h
        m = list(zero); m[j] -= h
        A[:, j] = (np.array(perform_action(0.5, p)) - np.array(perform_action(0.5, m))) / (2 * h)
    # output o gives force 20 (o - 0.5); B per newton
    dO = 1e-6
    B[:, 0] = (np.array(perform_action(0.5 + dO, zero)) - np.array(perform_action(0.5 - dO, zero))) / (2 * dO) / 20.0
    return A, B, np.array(base)


def lqr():
    import numpy as np
    from scipy.linalg import solve_discrete_are
    A, B, _ = linear_model()
    Q = np.diag([1.0, 1.0, 100.0, 1.0, 100.0, 1.0])
    R = np.array([[1.0]])
    P = solve_discrete_are(A, B, Q, R)
    K = np.linalg.solve(R + B.T @ P @ B, B.T @ P @ A)   # force = -K s
    print("# discrete LQR gain K (force = -K s, newtons)", fmt(K[0].tolist()))
    # Map onto one output node out = 1/(1+exp(-4.9 z)), z = sum w_i * input_i, inputs
    # (x/4.8, x'/2, th1/0.52, th1'/2, th2/0.52, th2'/2, bias). Near z=0 the force is
    # 20 * 4.9/4 * z = 24.5 z, so w_i = -K_i * scale_i / 24.5.
    scales = [4.8, 2.0, 0.52, 2.0, 0.52, 2.0]
    w = [round(float(-K[0, i] * scales[i] / 24.5), 4) for i in range(6)]
    print("# network weights (rounded to 4 decimals)", fmt(w))
    s = initial(); steps = 0
    while steps < 100000:
        steps += 1
        z = sum(w[i] * s[i] / scales[i] for i in range(6))
        out = 1.0 / (1.0 + math.exp(-4.9 * z))
        s = perform_action(out, s)
        if outside_bounds(s):
            break
    print(f"# linear network controller: {steps} steps, final state {fmt(s)}")


if __name__ == "__main__":
    main()
