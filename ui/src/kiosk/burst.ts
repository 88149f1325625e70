// A barcode scanner is a keyboard that types very fast: the promemoria's NRE barcode arrives
// as a burst of keystrokes a few milliseconds apart, ended by Enter. A person does not type
// like that. The detector tells the two apart from the timing alone.

export interface BurstOptions {
  /** The longest pause between two keys of a burst (scanners: a few ms; people: 80+ ms). */
  maxGapMs: number;
  /** The fewest characters a burst has (an NRE has 15). */
  minLength: number;
  /** The clock (tests use fake timers). */
  now?: () => number;
}

export const SCANNER: Readonly<BurstOptions> = { maxGapMs: 50, minLength: 8 };

export class BurstDetector {
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly now: () => number;
  private chars = "";
  private last = Number.NEGATIVE_INFINITY;

  constructor(options: BurstOptions = SCANNER) {
    this.maxGapMs = options.maxGapMs;
    this.minLength = options.minLength;
    this.now = options.now ?? (() => Date.now());
  }

  /** A printable key. Returns true when it starts a new sequence (after a pause). */
  key(char: string): boolean {
    const at = this.now();
    const started = at - this.last > this.maxGapMs;
    if (started) this.chars = "";
    this.chars += char;
    this.last = at;
    return started;
  }

  /**
   * Enter: the text of the burst it ends, when the keys came as a scanner types them
   * (at least `minLength` of them, each within `maxGapMs` of the one before, Enter too);
   * otherwise null. Either way the detector starts over.
   */
  enter(): string | null {
    const at = this.now();
    const burst = at - this.last <= this.maxGapMs && this.chars.length >= this.minLength ? this.chars : null;
    this.reset();
    return burst;
  }

  /** Forgets the keys so far (another key than a character, or focus moved by a person). */
  reset(): void {
    this.chars = "";
    this.last = Number.NEGATIVE_INFINITY;
  }
}

/** An NRE as the promemoria's barcode carries it (chars 1-3 and 6-15 digits, 4-5 alphanumeric). */
export function isNre(text: string): boolean {
  return /^[0-9]{3}[0-9A-Z]{2}[0-9]{10}$/.test(text);
}
