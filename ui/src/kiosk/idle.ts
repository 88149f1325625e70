// "Sei ancora lì?": after `idleMs` without input the kiosk asks, and counts down; nobody
// answering means nobody is there, and the kiosk resets. The clock rests until the first
// input of a citizen (a kiosk at its home screen with nobody in front of it does not ask).

export interface IdleCallbacks {
  /** The question: `remaining` seconds before the reset. */
  onWarn(remaining: number): void;
  /** The countdown moved on (whole seconds left). */
  onTick(remaining: number): void;
  /** Nobody answered. */
  onTimeout(): void;
}

export type IdlePhase = "resting" | "watching" | "warning";

const TICK_MS = 250;

export class IdleClock {
  private phaseNow: IdlePhase = "resting";
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private deadline = 0;
  private shown = 0;

  constructor(
    private readonly idleMs: number,
    private readonly countdownSecs: number,
    private readonly callbacks: IdleCallbacks,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get phase(): IdlePhase {
    return this.phaseNow;
  }

  /** Someone touched, clicked or typed: the idle time starts again (not during the question). */
  activity(): void {
    if (this.phaseNow === "warning") return;
    this.phaseNow = "watching";
    this.restartIdle();
  }

  /** "Sì, continuo": the question goes away and the idle time starts again. */
  stay(): void {
    if (this.phaseNow !== "warning") return;
    this.stopTicker();
    this.phaseNow = "watching";
    this.restartIdle();
  }

  /** Stops every timer; the clock rests until the next activity. */
  stop(): void {
    this.stopTicker();
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.phaseNow = "resting";
  }

  private restartIdle(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.warn(), this.idleMs);
  }

  private warn(): void {
    this.idleTimer = null;
    this.phaseNow = "warning";
    this.deadline = this.now() + this.countdownSecs * 1000;
    this.shown = this.countdownSecs;
    this.callbacks.onWarn(this.shown);
    this.ticker = setInterval(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    const left = this.deadline - this.now();
    if (left <= 0) {
      this.stop();
      this.callbacks.onTimeout();
      return;
    }
    const remaining = Math.ceil(left / 1000);
    if (remaining !== this.shown) {
      this.shown = remaining;
      this.callbacks.onTick(remaining);
    }
  }

  private stopTicker(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }
}
