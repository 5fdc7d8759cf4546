"""Fairchase's simulator and backtest: synthetic worlds, folk rules, an oracle, real history.

No Django here: pure Python + NumPy, deterministic for a seed.
"""

from fairchase.sim.backtest import LineError, backtest, load_history, write_history
from fairchase.sim.baselines import BASELINES, FolkRule, baselines
from fairchase.sim.oracle import Oracle, true_reply_curve
from fairchase.sim.runner import compare, generate_history, run_world, simulate
from fairchase.sim.worlds import WORLDS, World, get_world

__all__ = ["BASELINES", "FolkRule", "LineError", "Oracle", "WORLDS", "World", "backtest",
           "baselines", "compare", "generate_history", "get_world", "load_history", "run_world",
           "simulate", "true_reply_curve", "write_history"]
