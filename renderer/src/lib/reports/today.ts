/** Today in the station's time zone (yyyy-mm-dd): the reports' default period ends here. */
export const stationToday = (): string =>
  new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
