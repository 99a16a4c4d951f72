/**
 * The child process of the crash-safety test: opens a station's database as the app does and keeps
 * registering residents and signing their visits until it is killed. After each call the core has
 * answered it prints one line, `ACK person <id>` or `ACK visit <id> <personId>`: that is the
 * moment the app tells the nurse "đã lưu", so the test holds the database to every line it read.
 * (stdout into a pipe is written synchronously on Linux, so a printed line is in the pipe before
 * the next statement runs.)
 *
 * Usage: node test/helpers/crash-writer.ts DATA_DIR USERNAME PASSWORD
 */
import type { OperationInput, OperationName, OperationOutput } from '#contract/operations.ts';
import { createCore } from '../../main/core/app.ts';
import { silentLogger } from '../../main/core/log.ts';
import { memoryBinding } from './core.ts';
import { personInput } from './persons.ts';

const [dataDir, username, password] = process.argv.slice(2);
if (!dataDir || !username || !password) {
  process.stderr.write('usage: crash-writer DATA_DIR USERNAME PASSWORD\n');
  process.exit(2);
}

const core = createCore({ host: 'cli', dataDir, log: silentLogger });
const binding = memoryBinding();

async function ok<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const r = await core.call(binding, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as OperationOutput<N>;
}

await ok('auth.login', { username, password });
process.stdout.write('READY\n');
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['Văn Bền', 'Thị Hoa', 'Đức Anh', 'Thu Hà', 'Quang Huy', 'Thị Lụa', 'Minh Đức'];
for (let i = 0; ; i++) {
  const fullName = `${SURNAMES[i % SURNAMES.length]} ${GIVEN[(i * 3 + process.pid) % GIVEN.length]}`;
  const person = await ok('persons.create', {
    person: personInput({ fullName, birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}` }),
    confirmSimilar: true,
  });
  process.stdout.write(`ACK person ${person.id}\n`);
  const draft = await ok('visits.start', { personId: person.id });
  const visit = {
    visitOn: draft.visitOn,
    reason: 'Khám định kỳ',
    vitals: { systolic: 120 + (i % 20), diastolic: 80 },
  };
  const saved = await ok('visits.saveDraft', { id: draft.id, version: draft.version, visit });
  const signed = await ok('visits.sign', { id: draft.id, version: saved.version, visit, confirmed: [] });
  process.stdout.write(`ACK visit ${signed.id} ${person.id}\n`);
}
