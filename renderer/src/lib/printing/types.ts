/** The resident the printing screen is working for: what its header shows. */
export interface Chosen {
  id: string;
  fullName: string;
  sex: 'M' | 'F';
  birthDate: string;
  age: number;
  village: string;
}
