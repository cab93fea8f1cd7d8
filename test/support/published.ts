/** Tables as municipalities publish them, for the tests that read them. */

/** The Ballerup 2024 budget status, as printed (two deviations do not add up in the source). */
export const BALLERUP: (string | number)[][] = [
  ['2024', 'Budget', 'Prognose', 'Afvigelse'],
  ['Indsatser inden for servicerammen', 170038701, 178786371, 8747665],
  ['Indgribende indsatser', 85465000, 90825314, 5360314],
  ['Foregribende indsatser', 84365701, 87525982, 3160281],
  ['Forebyggende indsatser', 858000, 1035070, 177070],
  ['Indsatser uden for servicerammen', -14550151, -7328452, 7149548],
  ['Samlet på indsatser på det specialiserede børneområde', 155560701, 171457914, 15897213],
];
