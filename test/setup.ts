import fc from "fast-check";

// Property tests are reproducible run to run; set FC_SEED to explore other inputs.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261129) });

// natural (an optional plug-in tested here) loads dotenv, which prints tips on every import.
process.env.DOTENV_CONFIG_QUIET = "true";
