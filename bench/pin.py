"""PIN guessing rate: how many PINs per minute parallel guessers get checked against one workshop.

    python -m bench.pin --clients 16 --seconds 60              16 guessers from one address
    python -m bench.pin --clients 16 --seconds 60 --distinct   16 guessers, each from its own address
    python -m bench.pin --clients 1 --seconds 60               the single-client rate (the target)

Each guesser calls the service (Workshops.sign_in, what the console's sign-in form calls) with wrong
PINs in a loop, retrying every 50 ms while throttled, on a fresh SQLite store in a temp folder. The
last line is `checked PINs per minute: X`.
"""

from __future__ import annotations

import argparse
import inspect
import tempfile
import threading
import time
from pathlib import Path

from kamcore.store import Store
from kamcore.workshop import PinThrottled, WorkshopError, Workshops

RETRY = 0.05


def guesser(workshops: Workshops, code: str, client: str, until: float, checked: list[float]) -> None:
    takes_client = "client" in inspect.signature(workshops.sign_in).parameters  # also runs on older code
    n = 0
    while time.monotonic() < until:
        n += 1
        try:
            workshops.sign_in(code, f"{n:08d}", **({"client": client} if takes_client else {}))
        except PinThrottled:
            time.sleep(RETRY)
        except WorkshopError:
            checked.append(time.monotonic())


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.pin")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--distinct", action="store_true", help="each guesser from its own address")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workshops = Workshops(Store(f"sqlite:///{Path(folder) / 'pin.sqlite3'}"))
        workshop, _ = workshops.create("PIN bench", "en", "97531864")
        checked: list[float] = []
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=guesser, args=(workshops, workshop.code,
                                                          f"ip:10.0.0.{n if args.distinct else 1}", until, checked))
                   for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print(f"{args.clients} clients ({'distinct addresses' if args.distinct else 'one address'}), "
          f"{args.seconds:.0f} s: {len(checked)} PINs checked")
    print(f"checked PINs per minute: {len(checked) * 60 / args.seconds:.1f}")


if __name__ == "__main__":
    main()
