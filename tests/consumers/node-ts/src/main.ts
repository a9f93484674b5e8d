// A Node TypeScript consumer, compiled with tsc --strict under several module resolutions and
// libraries (tests/consumers/consumers.test.mjs), then run. It must compile without the DOM
// library, and the types must say what the code does.
import init, { analyze, version } from "marsad";
import type { Analysis, Entity, Label, Quote, Speaker, Cluster, Span, QuoteKind, Options } from "marsad";

const TEXT = "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو: «نحن مستعدون للتعاون مع سورية».";

await init(); // a no-op in Node, kept portable

const options: Options = { quotes: true };
const r: Analysis = analyze(TEXT, options);
const labels: Label[] = r.entities.map((e: Entity) => e.label);
const first: Quote | undefined = r.quotes[0];
const speaker: Speaker | null = first ? first.speaker : null;
const kind: QuoteKind | undefined = first?.kind;
const cue: Span | null | undefined = first?.cue;
const biggest: Cluster | undefined = [...r.clusters].sort((a, b) => b.mentions.length - a.mentions.length)[0];
const cluster: number | null = speaker ? speaker.cluster : null;

// What the types must refuse (each line would fail at run time, so the function is never called).
export async function refused(): Promise<void> {
  // @ts-expect-error init() resolves to nothing: there are no raw wasm exports to reach.
  (await init()).memory;
  // @ts-expect-error Label is a closed set (names and expressions; no NORP).
  const other: Label = "NORP";
  // @ts-expect-error options has known fields only (quotes, date).
  analyze(TEXT, { quote: false });
  // @ts-expect-error text must be a string.
  analyze(42);
  void other;
}

console.log(JSON.stringify({ version: version(), labels, kind, cue: cue?.text ?? null, speaker: speaker?.canonical ?? null, cluster, biggest: biggest?.canonical, result: r }));
