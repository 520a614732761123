import type { Universe } from '@coach/prompts';

/**
 * A fact a question needs, as the Coach page (or the athlete's own records) shows it. The grounding
 * test reads each one the page's way and checks the universe's prompt carries it at that precision.
 */
export type GroundingFact =
  | 'todayDate'
  | 'externalAcwr'
  | 'internalAcwr'
  | 'normalizedDivergence'
  | 'daysSinceRest'
  | 'trainingStatus'
  | 'chronicLoadNow'
  | 'fitnessTrend'
  | 'todaysWorkout'
  | 'todaysRationale'
  | 'plannedToday'
  | 'recentPain'
  | 'latestJournal'
  | 'lastSevenDaysOfActivities'
  | 'lastFourWeeksDistance'
  | 'aRace'
  | 'aRaceDistanceAndTarget'
  | 'raceGoals'
  | 'raceHistory'
  | 'weekProgram'
  | 'plannedVsDone'
  | 'latestAutopsy'
  | 'autopsyAnalysis'
  | 'autopsyPrescribedVsActual'
  | 'autopsyDayJournal'
  | 'autopsyDayAcwr'
  | 'recentAlignmentScores';

export interface GroundingQuestion {
  question: string;
  needs: readonly GroundingFact[];
}

/** Typical questions per universe, each with the facts a grounded answer rests on. */
export const GROUNDING_QUESTIONS: Readonly<Record<Universe, readonly GroundingQuestion[]>> = {
  autopsy: [
    {
      question: 'What did my last autopsy find?',
      needs: ['latestAutopsy', 'autopsyAnalysis'],
    },
    {
      question: 'Why was my alignment score what it was?',
      needs: ['latestAutopsy', 'autopsyPrescribedVsActual'],
    },
    { question: 'What should I change next time?', needs: ['autopsyAnalysis'] },
    {
      question: 'Was I too tired for that session?',
      needs: ['autopsyDayJournal', 'autopsyDayAcwr'],
    },
    { question: 'How has my alignment been lately?', needs: ['recentAlignmentScores'] },
    {
      question: 'My calf hurt during that run: should I worry?',
      needs: ['recentPain', 'latestAutopsy'],
    },
  ],
  training_plan: [
    { question: 'How is my week structured, and why?', needs: ['weekProgram'] },
    { question: 'How far am I from race day?', needs: ['aRace', 'todayDate'] },
    { question: 'When should I start my taper?', needs: ['aRace', 'weekProgram'] },
    { question: 'What are my race goals?', needs: ['raceGoals'] },
    { question: 'Did I do what the plan asked this week?', needs: ['plannedVsDone'] },
    { question: 'How did my last race go?', needs: ['raceHistory'] },
    {
      question: 'Is my target time realistic?',
      needs: ['aRaceDistanceAndTarget', 'raceHistory'],
    },
  ],
  todays_workout: [
    { question: 'What should I do today and why?', needs: ['todaysWorkout', 'todaysRationale'] },
    {
      question: "I'm tired today: how should I change the workout?",
      needs: ['todaysWorkout', 'latestJournal', 'externalAcwr'],
    },
    {
      question: 'How does today fit my current load?',
      needs: ['externalAcwr', 'internalAcwr', 'trainingStatus'],
    },
    { question: 'How many days since my last rest day?', needs: ['daysSinceRest'] },
    { question: 'What have I done this week?', needs: ['lastSevenDaysOfActivities'] },
    { question: 'My knee hurts: should I still run?', needs: ['recentPain', 'todaysWorkout'] },
    { question: 'What did my plan have for today?', needs: ['plannedToday'] },
  ],
  progress: [
    { question: 'Am I overdoing it?', needs: ['externalAcwr', 'internalAcwr', 'trainingStatus'] },
    { question: 'Is my fitness actually improving?', needs: ['fitnessTrend', 'chronicLoadNow'] },
    {
      question: 'What does my divergence trend say about recovery?',
      needs: ['normalizedDivergence'],
    },
    { question: 'How much have I run in the last four weeks?', needs: ['lastFourWeeksDistance'] },
    { question: 'Do I need a rest day?', needs: ['daysSinceRest', 'trainingStatus'] },
    { question: 'Am I on track for my race?', needs: ['aRace', 'fitnessTrend'] },
  ],
  general: [
    { question: 'How should I fuel my A race?', needs: ['aRace', 'aRaceDistanceAndTarget'] },
    { question: 'What pace do I need for my target?', needs: ['aRaceDistanceAndTarget'] },
    { question: 'How many weeks until my race?', needs: ['aRace', 'todayDate'] },
    { question: 'How do I balance easy and hard running right now?', needs: ['trainingStatus'] },
    { question: 'When is a niggle a reason to stop?', needs: ['recentPain'] },
    { question: 'Should I take a rest day soon?', needs: ['daysSinceRest', 'externalAcwr'] },
  ],
};
