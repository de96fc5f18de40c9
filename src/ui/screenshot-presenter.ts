/**
 * A run whose result is a screenshot (a PNG or JPEG Buffer, or its base64) gets its picture
 * saved and an "Open image" link in the output: the saved file's path, which the output panel
 * opens on click (in VS Code's image preview).
 */
import { saveScreenshot } from '../host/screenshot-files';
import { decodeScreenshot, screenshotKind } from '../run/screenshot';
import type { RunRecord } from '../run/types';
import type { ResultOutput } from './result-output';

export async function presentScreenshot(output: ResultOutput, dir: string, record: RunRecord): Promise<void> {
  const result = record.response?.result;
  if (!screenshotKind(result)) return;
  const shot = await decodeScreenshot(result);
  if (!shot) return;
  const file = await saveScreenshot(dir, record.jobId, shot);
  output.appendLine(`The result is a screenshot (${shot.mime === 'image/png' ? 'PNG' : 'JPEG'}, ${Math.ceil(shot.bytes.length / 1024)} KB). Open image: ${file}`);
}
