import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sex } from '#contract/schemas/common.ts';
import type { Random } from './random.ts';

export type Region = 'north' | 'central' | 'south';

interface NameData {
  givenMale: string[];
  givenFemale: string[];
  givenMaleTwo: string[];
  givenFemaleTwo: string[];
  surnames: { region: Region; surname: string; weight: number }[];
  middle: { gender: 'male' | 'female'; region: Region; era: 'traditional' | 'modern'; name: string }[];
}

/** Builds plausible Vietnamese full names: surname by regional frequency, middle name by era, given name. */
export class NameGenerator {
  readonly #data: NameData;
  readonly #surnames: NameData['surnames'];
  readonly #middles = new Map<string, string[]>();

  constructor(resourcesDir: string, region: Region) {
    this.#data = JSON.parse(readFileSync(join(resourcesDir, 'seed', 'names.json'), 'utf8')) as NameData;
    this.#surnames = this.#data.surnames.filter((s) => s.region === region);
    for (const m of this.#data.middle) {
      if (m.region !== region) continue;
      const key = `${m.gender}/${m.era}`;
      this.#middles.set(key, [...(this.#middles.get(key) ?? []), m.name]);
    }
  }

  surname(rng: Random): string {
    return rng.weighted(this.#surnames, (s) => s.weight).surname;
  }

  fullName(rng: Random, sex: Sex, birthYear: number, surname?: string): string {
    const gender = sex === 'M' ? 'male' : 'female';
    const era = birthYear < 1985 ? 'traditional' : 'modern';
    const middles = this.#middles.get(`${gender}/${era}`) ?? [];
    const middle = middles.length ? rng.pick(middles) : sex === 'M' ? 'Văn' : 'Thị';
    // Younger people more often carry a two-word given name ("Bảo Anh"); older ones one word.
    const twoWord = birthYear >= 1990 && rng.chance(0.35);
    const pool =
      sex === 'M'
        ? twoWord
          ? this.#data.givenMaleTwo
          : this.#data.givenMale
        : twoWord
          ? this.#data.givenFemaleTwo
          : this.#data.givenFemale;
    const given = rng.pick(pool);
    return `${surname ?? this.surname(rng)} ${twoWord ? given : `${middle} ${given}`}`.normalize('NFC');
  }
}
