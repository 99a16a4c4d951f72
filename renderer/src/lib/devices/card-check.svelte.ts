/**
 * A known resident's scanned card that says something else than their record (name, birth date,
 * sex): kept here until their record or exam shows it, so the difference is never passed over in
 * silence when the card opens the record.
 */
import type { CardDifference, ParsedCard } from '#contract';

export interface CardCheck {
  personId: string;
  card: ParsedCard;
  differences: CardDifference[];
}

class CardChecks {
  current = $state<CardCheck | null>(null);

  /** Remembers the scan's differences (or forgets an earlier card of that person's when there are none). */
  note(personId: string, card: ParsedCard | null, differences: readonly CardDifference[]): void {
    if (card && differences.length) this.current = { personId, card, differences: [...differences] };
    else if (this.current?.personId === personId) this.current = null;
  }

  forPerson(personId: string): CardCheck | null {
    return this.current?.personId === personId ? this.current : null;
  }

  done(): void {
    this.current = null;
  }
}

export const cardChecks = new CardChecks();
