/** A progress bar on stderr, only when stderr is a terminal and the batch is worth one. */
import { SingleBar, Presets } from "cli-progress";
import type { Lang } from "../core/i18n";
import { t } from "./messages";

export const PROGRESS_MIN_FILES = 5;

export function progressBar(total: number, lang: Lang): ((done: number, total: number) => void) & { stop(): void } {
  const enabled = Boolean(process.stderr.isTTY) && total >= PROGRESS_MIN_FILES;
  const bar = enabled
    ? new SingleBar(
        { stream: process.stderr, format: `${t(lang, "progress")} [{bar}] {value}/{total} {percentage}%`, hideCursor: true },
        Presets.shades_classic,
      )
    : null;
  bar?.start(total, 0);
  const update = (done: number) => bar?.update(done);
  return Object.assign(update, { stop: () => bar?.stop() });
}
