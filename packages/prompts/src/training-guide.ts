import { PAIN_REST_THRESHOLD } from '@coach/metrics';

/**
 * The reference guide the coach works from. Markdown: a title, then sections that each start with
 * a `## ` heading, so `condenseTrainingGuide` can drop whole sections when the prompt needs room.
 */
export const TRAINING_GUIDE = `# Coach reference guide for endurance runners

Principles the coach applies to the athlete's own data. Sources are named by author and year.

## Reading the athlete's numbers in Coach
- External ACWR is built from distance (climbing counted as extra distance); internal ACWR from heart-rate TRIMP, or session RPE × minutes when there was no heart rate. Both compare the last 7 days with the last 28, and both need about four weeks of history before they mean anything.
- Normalized divergence is internal minus external ACWR, scaled: near zero the body finds the work as hard as usual; clearly negative means the same work costs more than it used to (fatigue, illness, heat, poor sleep, stress); positive means the athlete is coping well with the work.
- Acute load is the recent 7-day load and chronic load the 28-day load: chronic load is the best single number for fitness built over weeks, so compare it with a month or a quarter ago to judge long-term progress.
- Days since rest counts consecutive days with training. Monotony (Foster) is the week's average daily load divided by its standard deviation: above about 2 the days are too alike, which went with illness and staleness; strain is weekly load × monotony.
- The assessment status summarises the day against the athlete's own thresholds: normal, undertraining (load is falling below what maintains fitness), high_acwr (both ratios above the high-risk threshold), recovery_needed, overtraining (internal load outpacing external, negative divergence past the threshold), mandatory_rest (too many days without rest, or pain reported), insufficient_history (too little data yet). Its reasons say which threshold was crossed; quote them rather than inventing new ones.
- A workout autopsy compares what was prescribed with what was done and scores the alignment from 0 to 10: 8–10 the session did its job, 5–7 it drifted (too fast, too long, cut short), below 5 it was a different session. A single low score is information, a run of them is a pattern worth changing.
- Journal entries carry energy (1–5), RPE (1–10), pain (0–100%) and free notes. Pain above zero is always worth asking about; the plan's pain rule: pain of ${PAIN_REST_THRESHOLD}% or more on two days in a row means mandatory rest, whatever the load says (apply it before it fires: one such day already calls for an easy day or rest).

## Workout types
- Rest: no running; walking, easy mobility or sleep count as recovery, not as training. Rest days are where adaptation happens.
- Recovery run: very easy and short (20–40 minutes) the day after a hard session or race, slower than easy pace; skip it rather than push it when tired.
- Easy run: conversational pace, roughly RPE 2–4, heart rate under about 75–78% of maximum. The athlete should be able to speak full sentences; most weekly volume belongs here.
- Long run: the week's longest run, easy for most of it (see Long runs and Fuelling basics).
- Tempo or threshold: comfortably hard, about the pace that could be held for an hour in a race (RPE 6–7), as 20–40 minutes continuous or cruise intervals such as 3 × 10 minutes with short jogs.
- Intervals: hard repetitions at about 3–5 km race pace (RPE 8–9), e.g. 5 × 3 minutes or 6 × 800 m, with recoveries of similar length; warm up 15 minutes with a few strides first and cool down after. Hill repeats build strength with less impact.
- Strides: 4–6 relaxed accelerations of 15–20 seconds at the end of an easy run; they keep speed and form without adding fatigue.
- Race: a real effort; count the days after it as recovery (about a day per 3–5 km raced before hard training again).
- When the athlete is tired or sore, a hard session becomes easy or shorter, and an easy run becomes shorter or a rest day; moving a key session by a day or two costs little, stacking two hard days costs more.

## Load management and ACWR
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
- The coach does not diagnose injuries or illness; it recommends rest and professional assessment when these signs appear, whatever the load metrics say.

## Race pacing
- Even pacing, or a slightly faster second half, gives the best times from 5 km to the marathon; starting too fast costs more at the end than it gained.
- 5 km and 10 km: warm up well (15–20 minutes easy plus strides), settle into race pace in the first kilometre, and push the last third.
- Half marathon and marathon: hold back in the first third, fuel early (from about 30–45 minutes), and judge the effort by breathing and heart rate on hills rather than by pace.
- A target time should come from recent races and key sessions, not hope: a recent race result predicts best, and a race-pace long run or tempo session that feels controlled supports the goal.
- Practise race-day shoes, breakfast, fuel and the warm-up in training; nothing new on race day.

## Heat, cold and altitude
- Heat raises heart rate and perceived effort at the same pace: slow down to hold the effort, drink to thirst plus a little more, and take salt on long or sweaty runs. About 10–14 days of training in the heat brings most of the adaptation.
- Internal load rises in the heat while external load does not, so heat alone can make divergence negative for a few days.
- In the cold, dress in layers, warm up indoors before hard sessions, and protect the airways on very cold days.
- Above about 1,500 m pace drops at the same effort for the first days; keep intensity by effort, not by pace.

## Strength, mobility and cross-training
- Two short sessions of strength training a week (squats, lunges, calf raises, hip and core work) improve running economy and help prevent overuse injuries; keep them away from the day before a key session.
- Cycling, swimming, elliptical or pool running keep fitness with less impact, useful when returning from injury or adding aerobic work without more running.
- Cross-training adds to internal load even though it adds little distance: count it when reading the athlete's load.

## Returning after a break
- After a week or more off, start with easy running at about half the usual volume and rebuild over two to four weeks; the athlete's chronic load has fallen, so the usual week would be a spike.
- After illness, return only when symptoms have gone, start with short easy runs, and add intensity last.
- After injury, follow the physiotherapist's plan; pain-free walking and hopping come before running, and any return of the pain means a step back.

## Answering the athlete
- Lead with the answer (what to do, or what the data says), then the reasons from the athlete's own numbers, with their dates, then one practical next step.
- Use the athlete's units and the values exactly as the context gives them; when the context does not hold what a question needs, say what is missing instead of guessing.
- Keep the coaching style the athlete chose, and do not repeat the whole context back.

## Training for each race distance
- 5 km: VO2max intervals (e.g. 5–6 × 1,000 m at 5 km pace) and strides carry the most weight; long runs of 60–90 minutes are enough.
- 10 km: threshold work (tempo runs, cruise intervals) plus some VO2max intervals; long runs of 75–100 minutes.
- Half marathon: threshold and half-marathon-pace segments, long runs building to about 16–20 km (or 90–120 minutes), and steady weekly volume.
- Marathon: volume and long runs come first, building to 28–35 km (about 2.5–3 hours at most), with marathon-pace segments in the final 6–8 weeks and a 2–3 week taper. Fuelling in training matters as much as fitness.
- Base phase builds easy volume and strides; build phase adds threshold and intervals; the specific phase turns sessions to race pace; taper sharpens; recovery after the race lasts days to weeks depending on the distance.
- B and C races fit inside the plan as hard sessions or rehearsals, without a full taper; only the A race gets one.

## Questions athletes ask, and what answers them
- "Am I overdoing it?": the assessment status and its reasons, both ACWRs against the athlete's high-risk threshold, divergence, days since rest, monotony, recent pain and energy in the journal, and how this week's distance compares with the previous weeks.
- "Is my fitness improving?": chronic load now against a month and a quarter ago, easy pace at the same heart rate over the weeks, recent race results and how key sessions went (autopsy scores).
- "What should I do today?": today's recommendation and its rationale, the planned session, the training state, how the athlete feels (journal), and what the last few days held. If the athlete reports pain or illness, safety comes first.
- "Why was my score low?" or "what did my autopsy find?": the autopsy's date, score, prescribed session against what was done, its analysis, that day's journal and metrics.
- "How far am I from race shape?": the A race's date, distance and target time, the weeks left, the training stage, recent long runs and race-pace work, and recent race results.
- "Should I run with this pain?": the pain red flags above, the athlete's recent pain entries, and the plan's pain rule: pain reported means rest or an easy alternative and, with any red flag, a doctor or physiotherapist.
- When a question needs a fact that is not in the context, say which one is missing and how the athlete can add it (log the run, write a journal entry, set a race goal).

## Shoes, surfaces and form
- Rotate two pairs of shoes if possible and replace them when the cushioning is visibly compressed (often 600–900 km); change models gradually.
- Soft surfaces (trails, grass) reduce impact on easy days; run intervals on a track or flat road for even pacing.
- A slightly higher cadence (5–10% more steps per minute) reduces load on the knees and hips for runners who overstride; do not force a universal number such as 180.

## The mental side
- Confidence comes from sessions done, so point to the athlete's completed work before a race.
- Break hard sessions and races into segments; focus on the next kilometre, not the whole distance.
- Missed days are normal: one missed session does not change fitness, and trying to make it up by stacking hard days does more harm than good.`;

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
