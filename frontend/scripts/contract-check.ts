/**
 * The contract test: when the schema loses or changes something the frontend
 * uses, regenerating the client and type checking it must fail.
 *
 * Each case copies the frontend into a temporary directory, edits the copy's
 * schema, then runs what `frontend:codegen` + `frontend:check` run there
 * (graphql-codegen, then tsc) and expects the failure it names. An unchanged
 * copy must pass first, so a broken setup cannot pass for a caught drift. The
 * real schema and src/gql/ are never written. Run: `task frontend:test:contract`.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const frontend = resolve(import.meta.dirname, "..");
const bin = (name: string) => join(frontend, "node_modules", ".bin", name);

interface Case {
  name: string;
  /** The schema edit; must change the schema. */
  edit: (schema: string) => string;
  /** Which step must fail, and what its output must mention. */
  failsAt: "codegen" | "tsc";
  mentions: RegExp;
}

const CASES: Case[] = [
  {
    name: "Book.isbn is removed (a field the documents select)",
    edit: (schema) =>
      schema.replace(/^(type Book implements Node \{[^}]*?)\n {2}isbn: String!/m, "$1"),
    failsAt: "codegen",
    mentions: /Cannot query field "isbn" on type "Book"/,
  },
  {
    name: "BookOrder.TITLE_DESC is removed (an enum value the code names)",
    edit: (schema) => schema.replace(/^(enum BookOrder \{[^}]*?)\n {2}TITLE_DESC/m, "$1"),
    failsAt: "tsc",
    mentions: /TITLE_DESC/,
  },
  {
    name: "Book.title becomes nullable (the code relies on a string)",
    edit: (schema) =>
      schema.replace(/^(type Book implements Node \{[^}]*?\n {2}title: )String!/m, "$1String"),
    failsAt: "tsc",
    mentions: /'string \| null' is not assignable to type 'string'/,
  },
  {
    name: "Book.reviewCount is removed (a field the reviews section selects)",
    edit: (schema) =>
      schema.replace(/^(type Book implements Node \{[^}]*?)\n {2}reviewCount: Int!/m, "$1"),
    failsAt: "codegen",
    mentions: /Cannot query field "reviewCount" on type "Book"/,
  },
];

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** codegen, then tsc, in a copy of the frontend whose schema `edit` changed. */
function checkCopy(edit: (schema: string) => string) {
  const copy = mkdtempSync(join(tmpdir(), "frontend-contract-"));
  try {
    for (const entry of [
      "src",
      "schema",
      "codegen.ts",
      "tsconfig.base.json",
      "tsconfig.app.json",
    ]) {
      cpSync(join(frontend, entry), join(copy, entry), { recursive: true });
    }
    symlinkSync(join(frontend, "node_modules"), join(copy, "node_modules"), "dir");
    const schemaFile = join(copy, "schema", "schema.graphql");
    const original = readFileSync(schemaFile, "utf8");
    const edited = edit(original);
    if (edited === original)
      throw new Error("the edit did not change the schema: update this case");
    writeFileSync(schemaFile, edited);

    const codegen = run(copy, bin("graphql-codegen"), ["--config", "codegen.ts"]);
    if (!codegen.ok) return { failedAt: "codegen", output: codegen.output } as const;
    const tsc = run(copy, bin("tsc"), ["-p", "tsconfig.app.json"]);
    if (!tsc.ok) return { failedAt: "tsc", output: tsc.output } as const;
    return { failedAt: null, output: "" } as const;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function fingerprint(): string {
  const hash = createHash("sha256");
  hash.update(readFileSync(join(frontend, "schema", "schema.graphql")));
  const gql = join(frontend, "src", "gql");
  for (const file of readdirSync(gql).sort())
    hash.update(file).update(readFileSync(join(gql, file)));
  return hash.digest("hex");
}

const before = fingerprint();
let failures = 0;

const baseline = checkCopy((schema) => `${schema}\n# unchanged\n`);
if (baseline.failedAt === null) {
  console.log("ok   the unchanged schema generates and type checks");
} else {
  failures += 1;
  console.error(
    `FAIL the unchanged schema does not pass (${baseline.failedAt}):\n${baseline.output}`,
  );
}

for (const drift of CASES) {
  const result = checkCopy(drift.edit);
  if (result.failedAt === drift.failsAt && drift.mentions.test(result.output)) {
    const line = result.output
      .split("\n")
      .find((l) => drift.mentions.test(l))
      ?.trim();
    console.log(`ok   ${drift.name}: ${drift.failsAt} fails\n       ${line}`);
  } else {
    failures += 1;
    console.error(
      `FAIL ${drift.name}: expected ${drift.failsAt} to fail mentioning ${drift.mentions}, ` +
        `got ${result.failedAt ?? "no failure"}\n${result.output}`,
    );
  }
}

if (fingerprint() !== before) {
  failures += 1;
  console.error("FAIL the real schema or src/gql/ changed during the check");
}
process.exitCode = failures === 0 ? 0 : 1;
