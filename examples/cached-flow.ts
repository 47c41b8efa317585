// A slow lookup cached for ten minutes: the first run fetches the rates (Success), a run within ten
// minutes for the same currency reports the task Cached and converts with the rates it kept.
import { context, Flow, Parameter, task } from "tern";

export const fetchRates = task(
  async (currency: string) => {
    context.logger.info(`Fetching exchange rates for ${currency}`);
    // Stands in for a slow, rate-limited service.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { base: currency, rates: { USD: 1.08, GBP: 0.85, JPY: 161.2 } };
  },
  { name: "fetch_rates", cacheFor: 10 * 60 * 1000 },
);

export const convert = task(
  (table: { base: string; rates: Record<string, number> }, amount: number) => {
    const converted = Object.fromEntries(Object.entries(table.rates).map(([to, rate]) => [to, Math.round(amount * rate * 100) / 100]));
    context.logger.info(`${amount} ${table.base} is ${JSON.stringify(converted)}`);
    return converted;
  },
  { name: "convert" },
);

export const flow = new Flow("cached-flow", () => {
  convert(fetchRates(Parameter("currency", { default: "EUR" })), Parameter("amount", { default: 100 }));
});

await flow.register({ projectName: "tutorial" });
