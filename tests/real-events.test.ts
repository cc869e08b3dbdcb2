// Events and names in the forms real wire copy uses, on text written to probe each rule.
import { describe, expect, it } from 'vitest';
import { processDocument } from '../src/ingest/pipeline.js';
import { isoOf } from '../src/text/partial-date.js';

const HEADER = 'Date: 08/10/2024 | Source: KCNA.kp (En) | Read original version at source'; // a Tuesday
const page = (...lines: string[]) => processDocument({ text: [HEADER, 'Story of the Day', ...lines].join('\n') }).articles[0]!;
const events = (...lines: string[]) => page(...lines).events.map((e) => `${isoOf(e.date)}${e.date.inferred ? '~' : ''} ${e.kind}`);
const names = (...lines: string[]) =>
  page(...lines)
    .people.map((p) => p.name)
    .sort();

describe('dates against the publication day', () => {
  it('places weekdays, today and yesterday on the days before it', () => {
    expect(events('Kim Jong Un sent a message to Xi Jinping on Monday.')).toEqual(['2024-10-07~ MESSAGE']);
    expect(events('There were talks between the delegations in Pyongyang Tuesday.')).toEqual(['2024-10-08~ MEETING']);
    expect(events('A delegation arrived in Pyongyang yesterday.')).toEqual(['2024-10-07~ VISIT']);
    expect(events('The exhibition opened today.')).toEqual(['2024-10-08~ GATHERING']);
    expect(events('They will meet next Monday.')).toEqual([]);
  });

  it('resolves "last June 19", "last in April", last year and years ago', () => {
    expect(events('The partnership was declared in Pyongyang on last June 19.')).toEqual(['2024-06-19~ STATEMENT']);
    expect(events('The first meeting last in April served the ties.')).toEqual(['2024-04~ MEETING']);
    expect(events('The plant was inaugurated last year.')).toEqual(['2023~ FOUNDING']);
    expect(events('The park was founded ten years ago.')).toEqual(['2014~ FOUNDING']);
    expect(events('A national meeting took place in mid-April last year.')).toEqual(['2023-04~ MEETING']);
    expect(events('A rally was held on March 3 this year.')).toEqual(['2024-03-03~ GATHERING']);
  });

  it('dates a range by its start, also across a stated year and in Juche', () => {
    expect(events('A festival took place in Kampala from August 1 to 3.')).toEqual(['2024-08-01~ GATHERING']);
    expect(events('A festival took place in Wonsan on August 1-3.')).toEqual(['2024-08-01~ GATHERING']);
    expect(events('He convened a meeting in Kalun on June 30-July 2, Juche 19 (1930).')).toEqual(['1930-06-30 MEETING']);
    expect(events('Ten best players for Juche 105 (2016) were selected.')).toEqual(['2016 ELECTION']);
    expect(events('He won the title at the 2016 World Wrestling Championships.')).toEqual(['2016 AWARD']);
  });

  it('dates the original happening of an anniversary', () => {
    // The day is the anniversary's own: the happening falls on it.
    expect(events('Today marks the centenary of the birth of Kim Chol Ju.')).toEqual(['1924-10-08~ BIRTH']);
    expect(events('October 10 is the 79th anniversary of the founding of the Workers’ Party of Korea.')).toEqual(['1945-10-10~ FOUNDING']);
    // The day is the celebration's: only the year of the happening is known, and both are events.
    expect(events('A reception took place on October 7 to mark the 65th anniversary of the establishment of diplomatic ties.')).toEqual([
      '1959~ FOUNDING',
      '2024-10-07~ MEETING',
    ]);
    expect(events('He sent greetings on the occasion of the 76th founding anniversary of the DPRK.')).toEqual(['1948~ FOUNDING']);
    expect(events('Kim Jong Un congratulated Putin on his 72nd birthday.')).toEqual(['1952~ BIRTH']);
    expect(events('The 112th birth anniversary of President Kim Il Sung falls on April 15.')).toEqual(['1912-04-15~ BIRTH']);
    // A year stated earlier in the article does not stop a sentence's own date from anchoring the count.
    expect(
      events('He was born in 1930.', 'A meeting was held on October 7 to mark the 79th anniversary of the founding of the Party.'),
    ).toEqual(['1930 BIRTH', '1945~ FOUNDING', '2024-10-07~ MEETING']);
  });

  it('reports one happening once however many sentences tell it', () => {
    expect(
      events(
        'Meetings marked the 50 th anniversary of the establishment of diplomatic ties.',
        'Speakers hailed the 50 th anniversary of the establishment of diplomatic ties.',
      ),
    ).toEqual(['1974~ FOUNDING']);
  });

  it('splits a sentence of several dated clauses into several happenings', () => {
    expect(
      events('Kim Kum Ok gave birth to three sons on May 4, Ri Un Byol three sons on May 1 and Kang Hyang Ok three sons on April 27.'),
    ).toEqual(['2024-05-04~ BIRTH', '2024-05-01~ BIRTH', '2024-04-27~ BIRTH']);
    expect(events('Ri Chol Man was born in 1930 in Kaesong and died on October 2 at the age of 94.')).toEqual([
      '1930 BIRTH',
      '2024-10-02~ DEATH',
    ]);
    // One happening with a date for context.
    expect(events('In December 2013 at the 68th Session of the UN General Assembly, March 3 was proclaimed a day.')).toEqual([
      '2013-12 ADOPTION',
    ]);
  });

  it('reads the happenings of commentary and military copy', () => {
    expect(events('The U.S. and south Korea staged joint military drills from August 18 to 28.')).toEqual(['2024-08-18~ MILITARY']);
    expect(events('The Missile Administration conducted a test-fire of a new-type missile on Tuesday.')).toEqual(['2024-10-08~ MILITARY']);
    expect(events('Kim Jong Un had a telephone conversation with Vladimir Putin on Monday.')).toEqual(['2024-10-07~ MEETING']);
    expect(events('The construction of the hospital was completed on October 1.')).toEqual(['2024-10-01~ FOUNDING']);
    expect(events('The delegation returned home on October 6.')).toEqual(['2024-10-06~ VISIT']);
  });

  it('takes no deadline or plan year for the date of a happening', () => {
    expect(events('The plenary meeting decided to complete the farm by October 10.')).toEqual([]);
    expect(events('The plenary meeting set the farm as a task for the year 2022.')).toEqual([]);
    expect(events('Imports rose by 155 percent over that in 2014-2018, the report said.')).toEqual([]);
  });

  it('dates nothing relative on a page that states no year', () => {
    const doc = processDocument({
      text: 'Talks Held\nPyongyang, May 3 (KCNA) -- Talks were held on Thursday, the 75th anniversary of the ties.\nThe day before yesterday a delegation arrived.',
    });
    expect(doc.articles[0]!.events).toEqual([]);
  });
});

describe('names as wire copy writes them', () => {
  it('keeps foreign names whole, with their short forms as aliases', () => {
    const full = page(
      'Kim Jong Un sent a message to Vladimir Vladimirovich Putin, president of the Russian Federation.',
      'He thanked Comrade Vladimir Putin.',
      'Putin expressed thanks.',
    );
    expect(full.people.map((p) => p.name).sort()).toEqual(['Kim Jong Un', 'Vladimir Vladimirovich Putin']);
    expect(full.people.find((p) => p.name.endsWith('Putin'))!.aliases).toEqual(expect.arrayContaining(['Vladimir Putin', 'Putin']));
    expect(names('Manuel Modesto Munguia Martinez, Nicaraguan ambassador to the DPRK, visited the plant.')).toEqual([
      'Manuel Modesto Munguia Martinez',
    ]);
    expect(names('A group led by Vice-Chairman Uong Chu Luu paid a visit.')).toEqual(['Uong Chu Luu']);
    // A short first word that is also English, after a title: a Vietnamese name, not a preposition.
    expect(names('Kim Jong Un held talks with General Secretary To Lam in Pyongyang.')).toEqual(['Kim Jong Un', 'To Lam']);
    expect(names('Chinese Foreign Minister Wang Yi met Premier Li Qiang.')).toEqual(['Li Qiang', 'Wang Yi']);
    expect(names('Present were To Lam, general secretary of the Central Committee of the CPV, and others.')).toEqual(['To Lam']);
    expect(names('As Putin said, In Moscow it rained.')).toEqual([]);
  });

  it('finds people named after an office, by surname or in coordination', () => {
    expect(
      names('Present were Minister of Defense Andrei Beloussov and Aide to the President of Russia for Foreign Policy Yuri Ushakov.'),
    ).toEqual(['Andrei Beloussov', 'Yuri Ushakov']);
    expect(names('Present was Russian Ambassador to the DPRK Alexandr Matsegora.')).toEqual(['Alexandr Matsegora']);
    expect(names('Prime Minister of Japan Kishida said so.', 'The strategy was set by the Abe regime.')).toEqual(['Abe', 'Kishida']);
    expect(names('Talks were held between Choe Son Hui and Sergei Lavrov.')).toEqual(['Choe Son Hui', 'Sergei Lavrov']);
    expect(names('Present there were Sergei Lavrov, Denis Manturov and Andrei Belousov.')).toEqual([
      'Andrei Belousov',
      'Denis Manturov',
      'Sergei Lavrov',
    ]);
    expect(names('The Central Committee, Political Bureau and Party Congress met.')).toEqual([]);
  });

  it('reads no person in sentence openers, headlines, joined names or titles', () => {
    expect(names('Although Jiang Zemin passed away, his feats are immortal.')).toEqual(['Jiang Zemin']);
    expect(
      processDocument({ text: 'Foreign Minister Attends Fourth Eurasian Women’s Forum\nThe forum was held in Moscow.' }).articles[0]!
        .people,
    ).toEqual([]);
    expect(names('Flowers were sent in the name of the Kim Il Sung-Kim Jong Il Foundation.')).toEqual([]);
    expect(names('The Department Director and the Great Eastern Women’s Run were praised.')).toEqual([]);
  });

  it('keeps Korean names with rarer surnames and three given syllables whole', () => {
    expect(names('Om Yun Chol met Moon Jae In, Hwang Pyong So and Sung Jong Gyu.')).toEqual([
      'Hwang Pyong So',
      'Moon Jae In',
      'Om Yun Chol',
      'Sung Jong Gyu',
    ]);
  });
});
