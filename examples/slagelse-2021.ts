import type { PlanContent } from '../src/core/build/template';

const months = (from: number, amount: number) => Array.from({ length: 12 }, (_, k) => (k >= from ? amount : null));

/** The Slagelse 2021 plan, figures and labels from the source document (shared/seeds). */
export const slagelse2021: PlanContent = {
  year: 2021,
  center: 'Center for børn og unge',
  centerResponsible: 'Vini Lindhardt',
  unit: 'Afdeling Børn og familie',
  unitResponsible: 'Tine Aavang Jensen',
  startDate: '2021-04-22',
  updatedDate: '2021-04-22',
  reason:
    'Der forventes med den nuværende udvikling på området et merforbrug i forhold til budget på 9,4 mio.kr, ' +
    'hvilket svarer til en forventet budgetoverskridelse på ca. 3%. Merforbruget ses særligt på 5.20 opholdssteder ' +
    'og 5.21 forebyggende foranstaltninger.',
  initiatives: [
    {
      number: 1,
      area: '5.20 opholdssteder',
      goal: 'Nedbringelse af antal børn og unge der henvises til opholdssted',
      action: 'Etablering af et antal akutplejefamilie pladser som alternativ til akutte anbringelser på opholdssted.',
      consequences: '',
      effects: months(4, 310_000),
    },
    {
      number: 2,
      area: '5.21 Forebyggende',
      goal: 'Nedbringelse af antallet af familiebehandlingsforløb hos eksterne leverandører',
      action: 'Nedbringelse af antallet af familiebehandlingsforløb hos eksterne leverandører',
      consequences: '',
      effects: months(4, 100_000),
    },
    {
      number: 3,
      area: '5.21. Forebyggende',
      goal: 'Vurdering af kapacitet vedr. familiebehandling hos Slagelse Familiehuse',
      action:
        'Vurdering af kapaciteten hos Slagelse Familiehuse med henblik på at reducere brugen af dyrere private tilbud.',
      consequences: '',
      effects: months(4, 50_000),
    },
    {
      number: 4,
      area: '5.21 Forebyggende',
      goal: 'Øget fokus på økonomisk bevidsthed i sagsarbejdet.',
      action:
        'Organiseret økonomisk gennemgang af sager, hvor sagsbehandler og teamleder gennemgår økonomien i sagerne.',
      consequences: '',
      effects: months(4, 357_500),
    },
    {
      number: 5,
      area: '5.21 Forebyggende',
      goal: 'Reduktion af udgiften til forebyggende foranstaltninger gennem gennemgang af kontraktgrundlag.',
      action:
        'Grundig gennemgang af kontraktgrundlag for familiebehandlings- og kontaktpersonindsats hos eksterne aktører.',
      consequences: '',
      effects: months(4, 357_500),
    },
  ],
  rowCount: 6,
  block: { atStart: 9_400_000, atLastUpdate: 0, afterThisUpdate: 9_400_000 },
};
