// A barcode scanner is a keyboard that types very fast: the promemoria's NRE barcode arrives
// as a burst of keystrokes a few milliseconds apart, ended by Enter. A person does not type
// like that. The detector tells the two apart from the timing alone.

export interface BurstOptions {
  /** The longest pause between two keys of a burst (longer: a new sequence starts). */
  maxGapMs: number;
  /** The longest average pause between the keys of a burst (scanners: a few ms; people: 100+ ms). */
  averageGapMs: number;
  /** The fewest characters a burst has (an NRE has 15). */
  minLength: number;
  /** The clock (tests use fake timers). */
  now?: () => number;
}

export const SCANNER: Readonly<BurstOptions> = { maxGapMs: 100, averageGapMs: 30, minLength: 8 };

export class BurstDetector {
  private readonly options: BurstOptions;
  private readonly now: () => number;
  private chars = "";
  private first = Number.NEGATIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;

  constructor(options: BurstOptions = SCANNER) {
    this.options = options;
    this.now = options.now ?? (() => Date.now());
  }

  /** A printable key. Returns true when it starts a new sequence (after a pause). */
  key(char: string): boolean {
    const at = this.now();
    const started = at - this.last > this.options.maxGapMs;
    if (started) {
      this.chars = "";
      this.first = at;
    }
    this.chars += char;
    this.last = at;
    return started;
  }

  /**
   * Enter: the text of the burst it ends, when the keys came as a scanner types them (at
   * least `minLength` of them, none after a pause longer than `maxGapMs`, Enter included, and
   * on average no more than `averageGapMs` apart); otherwise null. Either way the detector
   * starts over.
   */
  enter(): string | null {
    const at = this.now();
    const count = this.chars.length;
    const average = count > 1 ? (this.last - this.first) / (count - 1) : Number.POSITIVE_INFINITY;
    const burst =
      count >= this.options.minLength && at - this.last <= this.options.maxGapMs && average <= this.options.averageGapMs
        ? this.chars
        : null;
    this.reset();
    return burst;
  }

  /** Forgets the keys so far (another key than a character, or focus moved by a person). */
  reset(): void {
    this.chars = "";
    this.first = Number.NEGATIVE_INFINITY;
    this.last = Number.NEGATIVE_INFINITY;
  }
}

/** An NRE as the promemoria's barcode carries it (chars 1-3 and 6-15 digits, 4-5 alphanumeric). */
export function isNre(text: string): boolean {
  return /^[0-9]{3}[0-9A-Z]{2}[0-9]{10}$/.test(text);
}
