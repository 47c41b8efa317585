/**
 * Preloaded into every engine the agent starts (`node --import <this>`). Engines run in their own
 * process group, so a Ctrl-C in the agent's terminal reaches only the agent, which then decides
 * whether runs may finish; the other half of that bargain is here: an engine whose agent is gone
 * (killed outright, so the IPC channel closes) exits instead of running on as an orphan.
 */
if (process.channel) process.on("disconnect", () => process.exit(70));
