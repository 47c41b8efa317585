/** Random two-word run names ("adjective-animal"), so runs are easy to tell apart in the dashboard. */

const ADJECTIVES = [
  "amber", "bold", "brave", "bright", "calm", "clever", "cosmic", "crimson", "daring", "eager", "fancy", "fearless",
  "gentle", "glossy", "golden", "happy", "hidden", "humble", "jolly", "keen", "lively", "lucky", "mellow", "mighty",
  "misty", "nimble", "noble", "olive", "polite", "quick", "quiet", "rapid", "rustic", "shiny", "silent", "silver",
  "smart", "steady", "sunny", "swift", "tidy", "vivid", "warm", "witty", "zesty",
];

const ANIMALS = [
  "albatross", "antelope", "badger", "beaver", "bison", "camel", "cheetah", "cobra", "coyote", "crane", "dingo",
  "dolphin", "eagle", "falcon", "ferret", "gecko", "gibbon", "heron", "hyena", "ibis", "jackal", "koala", "lemur",
  "lynx", "marmot", "mole", "newt", "ocelot", "otter", "panda", "puffin", "quail", "raven", "salmon", "seal", "stork",
  "tapir", "tern", "toucan", "walrus", "wombat", "yak", "zebra",
];

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];

export function randomRunName(): string {
  return `${pick(ADJECTIVES)}-${pick(ANIMALS)}`;
}
