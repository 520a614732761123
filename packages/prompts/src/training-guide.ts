/**
 * The reference guide the coach works from. Markdown: a title, then sections that each start with
 * a `## ` heading, so `condenseTrainingGuide` can drop whole sections when the prompt needs room.
 */
export const TRAINING_GUIDE = `# Coach reference guide for endurance runners

Principles the coach applies to the athlete's own data. Sources are named by author and year.

## Load management and ACWR
- Load is tracked two ways: external (distance, with climbing counted as extra distance) and internal (heart-rate TRIMP, or session RPE × minutes when there is no heart rate).
- The acute:chronic workload ratio (ACWR) compares the last 7 days with the last 28. The rolling version averages the sums; the EWMA version weights recent days more and reacts sooner to a spike (Williams et al. 2017).
- Around 0.8–1.3 load is building steadily; at 1.5 or above it has risen sharply, and in team-sport data such spikes came before more injuries (Gabbett 2016). Below about 0.8 fitness is being lost unless the drop is planned (taper, recovery week).
- ACWR is contested as an injury predictor: the ratio is mathematically coupled to its own acute week, and the evidence is mostly observational (Impellizzeri et al. 2020). Use it as a guide to how fast load is changing, never as a diagnosis or an injury forecast, and always read it against the athlete's personal thresholds.
- External and internal ACWR normally move together. When internal ACWR rises faster than external (negative divergence), the body is finding the same work harder: fatigue, illness, heat, poor sleep or stress. Hold or reduce intensity until they converge. Positive divergence means the body is coping with the work, but it does not make a big rise in volume safe.

## Intensity distribution
- Well-trained endurance athletes do most of their training at low intensity: roughly 80% of sessions below the first ventilatory threshold and about 20% hard (Seiler & Kjerland 2006; Seiler 2010).
- Both polarised (easy plus hard, little in between) and pyramidal (easy, less moderate, least hard) distributions work; elite distance runners are mostly pyramidal (Casado et al. 2022). Polarised training did well in short interventions (Stöggl & Sperlich 2014).
- Keep easy days truly easy (conversational pace), so the hard days can be hard. Most amateurs run their easy days too fast.

## Progression
- Raise weekly volume gradually. Novice runners who increased weekly distance by more than 30% over two weeks had more injuries than those who increased it by less than 10% (Nielsen et al. 2014); a strict 10% rule was not proven to prevent injuries either (Buist et al. 2008), so avoid big jumps rather than chase a formula.
- Change one thing at a time: volume, intensity or terrain, not all three.
- Build for two or three weeks, then take a recovery week at about 60–80% of the volume to absorb the work.
- After a break (illness, injury, holiday) chronic load has fallen, so a week that was normal before is now a spike: rebuild over several weeks.

## Long runs
- The long run builds endurance and fat use; by convention it stays around 25–30% of weekly volume and, for most runners, under about 2.5–3 hours.
- Run most of it easy; add race-pace segments only in the specific phase before a race.
- Increase it gradually and rehearse race-day fuelling and kit on it.
- Very long runs add recovery cost and injury risk faster than fitness; for most runners one long run a week is enough.

## Tapering
- Before a key race, cut volume by about 40–60% over 2–3 weeks while keeping intensity and most of the frequency; this improves performance by about 2–3% on average (Bosquet et al. 2007; Mujika & Padilla 2003).
- Cutting intensity or stopping altogether loses fitness; a taper is shorter sessions, not easier ones.
- Keep short race-pace efforts in the final week. Shorter races need shorter tapers (about a week for 5–10 km); a marathon usually takes 2–3 weeks.

## Recovery and sleep
- Adaptation happens during recovery. Plan at least one rest or very easy day a week and respect the athlete's maximum days without rest.
- Sleep 7–9 hours; athletes sleeping under 8 hours had more injuries (Milewski et al. 2014), and sleep loss impairs endurance performance (Fullagar et al. 2015).
- Persistent fatigue, falling performance, a raised resting heart rate, poor mood or sleep are signs of non-functional overreaching: reduce load before it becomes overtraining (Meeusen et al. 2013).
- With illness, fever or symptoms below the neck (chest, body aches) mean no training; return gradually once recovered.

## Fuelling basics
- Carbohydrate fuels hard and long running: about 5–7 g/kg/day in moderate training, 6–10 g/kg/day in heavy endurance training (Thomas, Erdman & Burke 2016).
- During runs over about 75–90 minutes take 30–60 g of carbohydrate per hour, up to 90 g/h in very long events using glucose–fructose mixes (Jeukendrup 2014). Practise it in training.
- Protein about 1.2–2.0 g/kg/day, spread across meals; drink to thirst and avoid large weight gains from overdrinking.
- Eating too little for the training (low energy availability, RED-S) harms hormones, bones and performance (Mountjoy et al. 2018).

## Pain red flags
- Stop running and see a doctor or physiotherapist for: sharp or localised pain, pain that worsens during a run or changes the gait, swelling, pain at night or at rest, or tenderness on a bone (possible bone stress injury; Warden et al. 2014).
- Mild, diffuse muscle soreness that eases as the run goes on is usually normal training soreness.
- The coach does not diagnose injuries or illness; it recommends rest and professional assessment when these signs appear, whatever the load metrics say.`;

const SECTION_START = /\n(?=## )/;

/**
 * Shortens the guide to at most `maxChars` characters by leaving out whole sections (never cutting
 * one mid-sentence) and saying how many were left out. The text before the first section (the
 * title) is kept when it fits. Sections keep their order; a section that does not fit is skipped
 * and a later, shorter one may still be kept.
 */
export function condenseTrainingGuide(guide: string, maxChars: number): string {
  if (!(maxChars >= 0))
    throw new RangeError(`maxChars must be a non-negative number, got ${maxChars}`);
  if (guide.length <= maxChars) return guide;

  const parts = guide.split(SECTION_START).map((part) => part.trim());
  const head = parts[0]?.startsWith('## ') ? null : (parts.shift() ?? null);
  const sections = parts.filter((part) => part.length > 0);
  const separator = '\n\n';

  const kept: string[] = [];
  let omitted = sections.length;
  // Every section may be left out, so the note can say at most this many; reserve room for it.
  const noteFor = (n: number) => `[Guide condensed: ${n} section${n === 1 ? '' : 's'} omitted]`;
  const reserve = separator.length + noteFor(sections.length).length;
  let used = 0;
  const add = (text: string): boolean => {
    const cost = (kept.length > 0 ? separator.length : 0) + text.length;
    if (used + cost + reserve > maxChars) return false;
    kept.push(text);
    used += cost;
    return true;
  };

  if (head) add(head);
  for (const section of sections) {
    if (add(section)) omitted -= 1;
  }
  // Only whitespace was dropped: nothing to report.
  if (omitted === 0) return kept.join(separator);
  const note = noteFor(omitted);
  if (kept.length === 0) return note.length <= maxChars ? note : '';
  return `${kept.join(separator)}${separator}${note}`;
}
