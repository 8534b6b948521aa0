import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHandoverElements } from '../../../../etl/src/scoring/detectors/detect-elements.js';
import {
  type DetectedElement,
  detectedElements,
} from '../../../../etl/src/scoring/detectors/detectors.schema.js';
import { loadDetectors } from '../../../../etl/src/scoring/detectors/load-detectors.js';
import { openTempStore, type TempStore } from '../../../setup/duckdb-file.js';

// Handover notes of our own, written from the element definitions (fixtures/labelled/README.md) and
// before the rules were widened for them, in shorthands, templates and industries the labelled set
// barely covers. Each case states only the elements it is about, on both sides: a note that meets an
// element and one that names it without meeting it (negations, empty fields, escalation requests,
// future dates, emotion, a policy merely named). EQA_EVAL_DETECTORS=/path checks a draft rules file.

type Expect = Partial<Record<DetectedElement, boolean>>;

interface Case {
  note: string;
  next?: string;
  expect: Expect;
}

const cases: Record<string, Case> = {
  // problem: the thing affected and what is wrong with it
  'problem, declined card': {
    note: 'Contactless card declined at every terminal since the reissue',
    expect: { problem: true, timeline: true },
  },
  'problem, wrong part fitted': {
    note: 'Boiler repair - engineer fitted the wrong part, heating still not working',
    expect: { problem: true },
  },
  'problem, delivered but not received': {
    note: 'Parcel marked as delivered but cx never got it',
    expect: { problem: true },
  },
  'problem, torn item': {
    note: 'Sofa arrived with a torn cushion and scratched leg',
    expect: { problem: true },
  },
  'problem, charged for unused seats': {
    note: 'Invoice bills 5 seats, they only have 2 users',
    expect: { problem: true },
  },
  'problem, pension transfer': {
    note: 'Pension transfer stuck in pending, funds not moved to new provider',
    expect: { problem: true },
  },
  'problem, router lights': { note: 'router light flashing red, no internet', expect: { problem: true } },
  'problem, estimated bill too high': {
    note: 'Bill based on estimated reads, far higher than usual usage',
    expect: { problem: true },
  },
  'problem absent, a topic': { note: 'Cx calling about her bill. Transferred.', expect: { problem: false } },
  'problem absent, a category field': {
    note: 'Issue: account query\nPriority: normal',
    expect: { problem: false, severity: false },
  },
  'problem absent, a pointer': {
    note: 'Re complaint - see email thread for details',
    expect: { problem: false },
  },
  'problem absent, an enquiry': {
    note: 'Cx asking about upgrading to fibre and the prices',
    expect: { problem: false },
  },
  'problem absent, a change request': {
    note: 'Change of address request, new address on file',
    expect: { problem: false },
  },

  // customer_ask: the outcome wanted; escalation requests, pleas and guesses are not one
  'ask, fee waived': { note: 'cust wants the late pmt fee waived', expect: { customer_ask: true } },
  'ask, hoping to rebook': {
    note: 'Flight cancelled. Cx hoping to get rebooked on the next one',
    expect: { customer_ask: true },
  },
  'ask, template outcome': {
    note: 'Issue: taxi costs after missed connection\nDesired outcome: reimbursement of the taxi fare',
    expect: { customer_ask: true, problem: true },
  },
  'ask, cancel without exit fee': {
    note: 'Signal dead at home, asks us to cancel the contract w/o exit fee',
    expect: { customer_ask: true },
  },
  'ask, explanation': {
    note: 'Cx requesting a breakdown of the charges on the March invoice',
    expect: { customer_ask: true },
  },
  'ask, apology only': { note: 'Rude driver. Just wants an apology.', expect: { customer_ask: true } },
  'ask absent, manager': {
    note: 'Cx demanding to speak to a manager, refused to go through it with me',
    expect: { customer_ask: false },
  },
  'ask absent, complaints team': {
    note: 'Cx asked to be put through to the complaints dept',
    expect: { customer_ask: false },
  },
  'ask absent, plea': { note: 'No idea what this is, pls advise', expect: { customer_ask: false } },
  'ask absent, empty field': {
    note: 'Problem: app crashes on open\nCustomer wants: -',
    expect: { customer_ask: false, problem: true },
  },
  'ask absent, guess': {
    note: 'Bill up 30% this year. Might want to switch tariff?',
    expect: { customer_ask: false },
  },

  // already_tried: what was already done or checked
  'tried, line test': {
    note: 'Ran a line test, fault showing at the exchange side',
    expect: { already_tried: true },
  },
  'tried, reinstalled by cx': {
    note: 'Cx already reinstalled the app and cleared the cache herself',
    expect: { already_tried: true },
  },
  'tried, goodwill declined': {
    note: 'Offered £20 goodwill, cx declined it',
    expect: { already_tried: true, dispute_source: true },
  },
  'tried, partial refund processed': {
    note: 'Processed a partial refund of £30 for the missing items',
    expect: { already_tried: true },
  },
  'tried, replacement dispatched': {
    note: 'Replacement router dispatched 12/05, still no sync',
    expect: { already_tried: true, timeline: true },
  },
  'tried, fee reversed once': {
    note: 'Reversed the first late fee as goodwill, second one remains',
    expect: { already_tried: true },
  },
  'tried absent, nothing done': {
    note: 'Nothing done yet, straight to L2',
    expect: { already_tried: false },
  },
  'tried absent, standard steps': {
    note: 'Went through the standard troubleshooting, no joy',
    expect: { already_tried: false },
  },
  'tried absent, plan': {
    note: 'Will raise a trace with the courier tmrw',
    expect: { already_tried: false },
  },
  'tried absent, not able to check': {
    note: 'Not been able to check the logs as system down',
    expect: { already_tried: false },
  },
  'tried absent, identity only': {
    note: 'ID&V completed. Transferred to L2 billing',
    expect: { already_tried: false },
  },

  // dispute_source: an identified company position the customer contests
  'dispute, termination charge': {
    note: 'cx disputes the £120 early termination charge',
    expect: { dispute_source: true },
  },
  'dispute, exclusion applied': {
    note: 'Claim refused under the wear and tear exclusion - cx says the damage is sudden, not wear',
    expect: { dispute_source: true },
  },
  'dispute, notice period': {
    note: "Doesn't agree that the 28-day notice period applies to her",
    expect: { dispute_source: true },
  },
  'dispute, salesman promise': {
    note: 'Says the salesman promised no price rises for the whole contract',
    expect: { dispute_source: true },
  },
  'dispute, decision to close': {
    note: 'Cx contesting our decision to close his account',
    expect: { dispute_source: true },
  },
  'dispute absent, policy merely named': {
    note: 'Returns policy is 30 days, cx within it, wants to return the jacket',
    expect: { dispute_source: false, customer_ask: true },
  },
  'dispute absent, our error': {
    note: 'System error double-charged the DD this month, nobody disputes it',
    expect: { dispute_source: false, problem: true },
  },
  'dispute absent, chargeback threat': {
    note: 'Says she will raise a chargeback with her bank if not sorted',
    expect: { dispute_source: false, severity: true },
  },
  'dispute absent, empty field': {
    note: 'Dispute: n/a\nWants: payment plan',
    expect: { dispute_source: false, customer_ask: true },
  },
  'dispute absent, unnamed outcome': {
    note: 'Not happy with how things went',
    expect: { dispute_source: false },
  },

  // timeline: the past, as dates, durations or an order of events
  'timeline, days ago': { note: 'Fault started 3 days ago', expect: { timeline: true } },
  'timeline, sequence of dates': {
    note: 'Ordered 2nd May, delivered 9th, stopped working on the 10th',
    expect: { timeline: true },
  },
  'timeline, a fortnight': { note: 'Been going on for a fortnight now', expect: { timeline: true } },
  'timeline, hours ago': { note: 'Acct frozen 48 hrs ago, no reason given', expect: { timeline: true } },
  'timeline, order of events': {
    note: 'Paid the invoice in full, then got a final reminder letter',
    expect: { timeline: true },
  },
  // a coming date is not timeline; a dated departure presses (severity since default-2025.4, as a
  // held-out labeller judged "flying to a wedding on 2 Dec" with the passport not back), a stay's
  // dates alone do not (HS-001)
  'timeline absent, future flight': {
    note: 'Cx flies out 14 Aug, card still not arrived',
    expect: { timeline: false, severity: true, problem: true },
  },
  'timeline absent, future stay': {
    note: 'Hotel stay is 21-24 Oct, wants the room type changed',
    expect: { timeline: false, severity: false },
  },
  'timeline absent, appointment booked': {
    note: 'Engineer booked for next Tuesday',
    expect: { timeline: false },
  },
  'timeline absent, contact count': { note: '4th call about this, cx fed up', expect: { timeline: false } },
  'timeline absent, today': { note: 'Cx called today re her meter', expect: { timeline: false } },
  'timeline absent, empty field': { note: 'Timeline: n/a\nSince: -', expect: { timeline: false } },
  'timeline absent, sla line': {
    note: 'AUTO: resolution target 72h exceeded, ticket reassigned',
    expect: { timeline: false },
  },

  // severity: stated impact, vulnerability, deadline, threat or priority; not emotion or amounts
  'severity, housebound on prepay': {
    note: 'Cx housebound, prepayment meter out of credit',
    expect: { severity: true },
  },
  'severity, ombudsman threat': {
    note: 'Threatening to take it to the Financial Ombudsman',
    expect: { severity: true },
  },
  'severity, trading standards': { note: 'Will report us to Trading Standards', expect: { severity: true } },
  'severity, business losing money': {
    note: 'Shop card machine down, losing around £2k a day',
    expect: { severity: true, problem: true },
  },
  'severity, wedding deadline': {
    note: 'Dress not arrived and the wedding is on Saturday',
    expect: { severity: true, timeline: false },
  },
  'severity, bereaved': {
    note: 'Cx recently lost her husband, calling about his acct',
    expect: { severity: true },
  },
  'severity, priority high': {
    note: 'Priority: High\nIssue: payroll file rejected',
    expect: { severity: true },
  },
  'severity, switching provider': {
    note: 'Says he will switch to another provider if not fixed',
    expect: { severity: true },
  },
  'severity absent, emotion': {
    note: 'Cx very frustrated, raised her voice a few times',
    expect: { severity: false },
  },
  'severity absent, medium priority': { note: 'Priority: medium', expect: { severity: false } },
  'severity absent, happy to wait': { note: 'Not urgent, cx happy to wait', expect: { severity: false } },
  'severity absent, amount': { note: 'Bill of £240 for the quarter', expect: { severity: false } },
  'severity absent, rule cited': {
    note: 'Says the Consumer Rights Act entitles her to a refund',
    expect: { severity: false },
  },

  // customer_repeated: the next contact asks again for what the note held
  'repeat, problem re-asked': {
    note: 'Broadband drops every evening since Monday',
    next: 'Agent: So what seems to be the issue with the connection?\nCustomer: Like I told the last person, it drops every evening.',
    expect: { customer_repeated: true },
  },
  'repeat, date re-asked': {
    note: 'Charged £40 late fee on 2 May, wants it refunded',
    next: 'Agent: When was the fee applied?\nCustomer: The 2nd of May, it should be on your notes.',
    expect: { customer_repeated: true },
  },
  'repeat, outcome re-asked': {
    note: 'Kettle leaking from the base, cx wants a replacement',
    next: 'Agent: And what outcome are you looking for today?\nCustomer: A replacement, same as I said before.',
    expect: { customer_repeated: true },
  },
  'repeat absent, note held nothing': {
    note: 'Issue: see previous',
    next: "Agent: What's the problem?\nCustomer: I've told you lot three times already!",
    expect: { customer_repeated: false },
  },
  'repeat absent, read back and confirmed': {
    note: 'Card blocked abroad, wants it unblocked',
    next: 'Agent: Can I take your date of birth?\nCustomer: [dob].\nAgent: I can see the card was blocked abroad, I will unblock it now.\nCustomer: Thank you.',
    expect: { customer_repeated: false },
  },
  'repeat absent, a new fact asked': {
    note: 'App crashes on login',
    next: 'Agent: Which phone model are you using?\nCustomer: An iPhone 12.',
    expect: { customer_repeated: false },
  },
  'repeat absent, no next contact': {
    note: 'Heating broken, engineer no-show twice',
    expect: { customer_repeated: false },
  },

  // A second batch, written after reading the spent holdout's misses and before widening the rules
  // for them: the same word families in other words and other industries.
  'problem, changed without consent': {
    note: 'Beneficiary on the policy changed without her permission',
    expect: { problem: true },
  },
  'problem, fault code': { note: 'Washer showing E21 and won’t drain', expect: { problem: true } },
  'problem, money taken but nothing received': {
    note: 'Topped up £20 at the shop but the account was debited and no credit on the meter',
    expect: { problem: true },
  },
  'problem, despite a setting': {
    note: 'Emails go to spam despite the allow-list being set',
    expect: { problem: true },
  },
  'problem absent, refused to engage': {
    note: 'Cx refused to give any details and hung up',
    expect: { problem: false },
  },
  'problem absent, still down with no subject': {
    note: 'cx msg: still not fixed!!',
    expect: { problem: false },
  },
  'ask, claims costs': {
    note: 'Cx claiming the cost of the replacement lock from us',
    expect: { customer_ask: true },
  },
  'ask absent, reviewed by a senior': {
    note: 'Cx wants the case looked at by someone senior',
    expect: { customer_ask: false },
  },
  'tried, guidance given': {
    note: 'Advice given on resetting the hub, cx will try tonight',
    expect: { already_tried: true },
  },
  'tried, block placed': {
    note: 'Gambling block placed on the card at cx request',
    expect: { already_tried: true },
  },
  'tried, evidence requested': {
    note: 'CCTV footage requested from the branch, awaiting it',
    expect: { already_tried: true },
  },
  'tried, checks run': { note: 'Line checks carried out, no fault found', expect: { already_tried: true } },
  'tried absent, outcome wanted': {
    note: 'Wants: bill re-issued and late fee reversed',
    expect: { already_tried: false, customer_ask: true },
  },
  'dispute, right to cancel': {
    note: 'Says the cooling-off rules entitle him to cancel with no fee',
    expect: { dispute_source: true, severity: false },
  },
  'dispute, clause applied': {
    note: 'Payout reduced under the betterment clause, cx unhappy with the deduction',
    expect: { dispute_source: true },
  },
  'dispute, never signed up': {
    note: 'Monthly charge for a magazine subscription, cx says she never signed up',
    expect: { dispute_source: true },
  },
  // Asking why we charged is a query, and billing a line already cancelled is an error nobody defends
  // (README: a double charge is absent): the labellers marked such notes absent (HS12-068, HS28-078,
  // HS40-075). Its rule is weak since version 19, and the model rules this note out; a customer who
  // contests the charge in so many words is found.
  'dispute absent, asks why charged': {
    note: 'Cx asks why we billed for two lines when one was cancelled in May',
    expect: { dispute_source: false, problem: true },
  },
  'dispute, asks why charged and disputes it': {
    note: 'Cx asks why we billed for two lines and disputes the second line rental',
    expect: { dispute_source: true },
  },
  'timeline, weekday and time': { note: 'Payment failed Tues 09:30 at the till', expect: { timeline: true } },
  'timeline, weekday part of day': {
    note: 'Leak started Sun morning, ceiling now stained',
    expect: { timeline: true },
  },
  'severity, mortgage payment due': {
    note: 'Salary not credited, mortgage payment goes out on the 28th',
    expect: { severity: true },
  },
  'severity, legal duty with a window': {
    note: 'Payroll data sent to the wrong client; they have to report it within 72 hours',
    expect: { severity: true },
  },
  'severity, ultimatum with a regulator': {
    note: 'Says he will take it to the Energy Ombudsman if not sorted by Friday',
    expect: { severity: true },
  },
  'severity, medication': { note: 'Parcel lost with her inhaler in it', expect: { severity: true } },
  'repeat, said in the first email': {
    note: 'Delivery charged twice on order [order]',
    next: 'Agent: Which charge looks wrong to you?\nCustomer: Both £4.99 charges, I put that in my original message.',
    expect: { customer_repeated: true },
  },
  'repeat, on the statement': {
    note: 'Interest charged on a 0% balance transfer since 3 March',
    next: 'Agent: When did the interest start?\nCustomer: March. It is all on the statement you sent me.',
    expect: { customer_repeated: true },
  },

  // A third batch, for the rule kinds of default-2025.3 (written with the rules in view, so these are
  // guards of the mechanisms, not a measure): the customer restating the note without any "as I
  // said", a charge contested across sentences, and a contest disowned outright.
  'repeat, restated without a cue': {
    note: 'Router keeps rebooting since the firmware update on Friday',
    next: "Agent: Hi, it's the network team. What's been happening with the router?\nCustomer: It keeps rebooting, ever since that firmware update on Friday.",
    expect: { customer_repeated: true },
  },
  'repeat, dates asked again': {
    note: 'Returned the jacket on 4 April, refund of £89 not received',
    next: 'Agent: Could you tell me when you sent it back and how much it was?\nCustomer: The 4th of April, and it was £89.',
    expect: { customer_repeated: true },
  },
  'repeat absent, a read-back confirmed with the same fact': {
    note: 'Boiler showing F28 since Monday, wants an engineer',
    next: 'Agent: So the boiler has shown F28 since Monday, is that right?\nCustomer: Yes, since Monday morning.\nAgent: I will book the engineer.',
    expect: { customer_repeated: false },
  },
  'repeat absent, the words only the agent said': {
    note: 'Broadband drops every evening since Monday',
    next: "Agent: I can see your broadband drops every evening, so you won't have to explain it again. When did it start?\nCustomer: Monday.",
    expect: { customer_repeated: false },
  },
  'repeat absent, explaining what the note lacked': {
    note: 'Cx wants a refund to her original card',
    next: "Agent: What's been going on with your order?\nCustomer: I sent the order back and the refund went to a voucher, not my card.",
    expect: { problem: false, customer_repeated: false },
  },
  'dispute, a charge contested across sentences': {
    note: 'Cx fined £60 for parking at the depot. Says the bay had no signs. Wants the fine cancelled.',
    expect: { dispute_source: true },
  },
  'dispute, our figure against the ask': {
    note: 'Refund calc done: policy gives 50% after 14 days. Cx wants the full £80 back.',
    expect: { dispute_source: true },
  },
  'dispute absent, charged twice': {
    note: 'Cx charged twice for the same order. Says only one was hers, wants the duplicate refunded.',
    expect: { dispute_source: false },
  },
  'dispute, no veto across a line': {
    note: 'Steps taken: goodwill offered, cx not happy\nDispute: overdraft fee policy applied',
    expect: { dispute_source: true },
  },
  'dispute absent, the charge accepted outright': {
    note: 'Cx accepts the £120 exit fee under our terms, asking to pay it in instalments',
    expect: { dispute_source: false },
  },

  // A fourth batch, for default-2025.4 (written with the rules in view: guards of the families, not a
  // measure): steps in any verb form and by either side, an action we took contested by its parts,
  // severity as consequences, and priorities that are not high.
  'tried, the customer sent documents': {
    note: 'She has uploaded bank statements for the last 3 months. Wants the hold lifted.',
    expect: { already_tried: true },
  },
  'tried, a decision already made on the request': {
    note: 'Complaint was not upheld at stage 1, cx wants it looked at again',
    expect: { already_tried: true },
  },
  'tried, a step logged without its subject': {
    note: 'Pushed a config update to the device remotely, still dropping',
    expect: { already_tried: true },
  },
  'tried, a visit had': {
    note: 'Customer had the engineer out twice already, boiler still cold',
    expect: { already_tried: true },
  },
  'tried absent, a purchase is no step': {
    note: 'Customer ordered a sofa in March, delivered damaged. Wants a replacement.',
    expect: { already_tried: false },
  },
  'tried absent, a need is no step': {
    note: 'She needs the card replaced before her trip',
    expect: { already_tried: false },
  },
  'dispute, an action we took contested by its parts': {
    note: "Player's winnings voided for 'bonus abuse' - says he followed the rules, wants them paid.",
    expect: { dispute_source: true },
  },
  'dispute absent, an action taken in error': {
    note: 'Account blocked in error by our system, cx says she did nothing wrong and wants it unblocked.',
    expect: { dispute_source: false },
  },
  'severity, a loss that follows': {
    note: 'Site owner says the van must be repaired by the 30th or she loses her pitch',
    expect: { severity: true },
  },
  'severity, a threat without a verb of going': {
    note: 'Cx threatening FOS over the fee',
    expect: { severity: true },
  },
  'severity, dependence': {
    note: 'Cx relies on the car to get to work, no other transport',
    expect: { severity: true },
  },
  'severity absent, a low priority code': {
    note: 'Case auto-escalated | Priority: P3 | Notes: none',
    expect: { severity: false },
  },
  'severity absent, an emergency trade already paid': {
    note: 'Cx paid an emergency plumber £180 last week, wants it reimbursed',
    expect: { severity: false },
  },
  'severity absent, a day gone by': {
    note: 'Flight on Sat was delayed 3h, cx wants compensation',
    expect: { severity: false },
  },

  // A fifth batch, for default-2025.11 and 12 (written with the rules in view: guards of the families
  // they changed, not a measure).
  'severity absent, a theft reported to the police': {
    note: 'Bike stolen from the rack Tues, he reported it to the police, wants the claim paid',
    expect: { severity: false },
  },
  'severity, a threat to report us to the police': {
    note: 'Says she will report us to the police for harassment if the calls do not stop',
    expect: { severity: true },
  },
  'severity absent, a chargeback already decided': {
    note: 'Cx unhappy with how his chargeback turned out, wants it looked at again',
    expect: { severity: false },
  },
  'severity absent, no money back yet': {
    note: 'Returned the jacket on 3 May, still no money back, wants the refund chased',
    expect: { severity: false },
  },
  'severity absent, the hospital as the payee': {
    note: 'Claim for the scan was paid to the hospital twice, cx wants the duplicate taken back',
    expect: { severity: false },
  },
  'severity, a stay in hospital': {
    note: 'Cx was admitted to hospital on Friday and missed the payment, asks for the late fee to go',
    expect: { severity: true },
  },
  'dispute absent, an acceptance that ends its clause': {
    note: 'Recovery fee is £50 per our policy, cx ok with that. Wants the funds credited.',
    expect: { dispute_source: false },
  },
  'dispute, an acceptance with a but': {
    note: 'She accepts the policy exists but disputes the £40 fee: the booking system should have stopped the sale',
    expect: { dispute_source: true },
  },
  'dispute absent, a complaint upheld for the customer': {
    note: 'Complaint upheld - we agreed to refund the £80 fee by the 12th. Nothing received, cx wants it paid',
    expect: { dispute_source: false },
  },
  'dispute absent, a routing rule': {
    note: 'AUTO: stage payment overdue 14 days. Escalated per rule FIN-3. Prio: high',
    expect: { dispute_source: false },
  },
  'dispute absent, a broken promise the customer wants kept': {
    note: 'Refund promised within 5 working days on 3 March, nothing received, cx wants it paid',
    expect: { dispute_source: false },
  },
  'dispute, what the salesman promised': {
    note: 'Cx says the salesman promised the contract could be ended free; we charged the £240 exit fee. Wants it waived',
    expect: { dispute_source: true },
  },
  'dispute absent, a refusal the customer accepts': {
    note: 'Refund declined by L1 under the refund policy. Cx not happy but accepts the policy, asks about an exchange',
    expect: { dispute_source: false },
  },
  'dispute absent, transactions disputed as fraud': {
    note: 'Cx disputes 3 transactions on her card at a petrol station she never visited. Card stopped, wants the £212 back',
    expect: { dispute_source: false },
  },
  'severity absent, the name of a home emergency product': {
    note: 'Cx wants to speak to a manager about her home emergency claim, would not give details',
    expect: { severity: false },
  },
  'severity absent, a vulnerability field answered no': {
    note: 'Product: Boiler Care / Issue: boiler / Vulnerable: N / Priority: Normal',
    expect: { severity: false },
  },
  'severity absent, next month is not next Monday': {
    note: 'Cx asking whether her cover would include a deposit dispute, she is moving out next month',
    expect: { severity: false },
  },
  'severity, a move next Monday': {
    note: 'Cx moving out next Monday and needs the final meter read booked before then',
    expect: { severity: true },
  },
  'repeat, the customer asked before': {
    note: 'Cx wants the monthly payment on her card stopped',
    next: 'Agent: Hi, collections here, how can I help?\nCustomer: Stop taking payments off my card. I asked you last week.',
    expect: { customer_repeated: true },
  },
  'repeat, told a member of staff by trade': {
    note: 'Buyer says the calves in pen 42 look lame, wants the market vet before loading',
    next: 'Agent: Market vet here. Which pen?\nCustomer: Forty-two, I told your steward.',
    expect: { customer_repeated: true },
  },
  'tried, a reply asking for details': {
    note: "Public post: 'still no refund!!' Replied publicly asking them to DM the order number, no reply yet.",
    expect: { already_tried: true },
  },
};

// Eight batches of notes of our own, each labelled in full from the README's definitions and measured
// once by the rules of the day before the rules were widened with its misses (B: batch 1 ... I: batch
// 8). Letters are the elements present: P problem, A customer_ask, T already_tried, D
// dispute_source, L timeline, S severity, R customer_repeated (judged on the next contact, when given).
// They are in-sample now; each element must keep precision and recall of 0.9 over all of them.
type LabelledNote = [id: string, present: string, note: string, next?: string];
const labelledNotes: LabelledNote[] = [
  [
    'B01',
    'PA--LS-',
    "Tenant says the boiler cover visit didn't happen Tues, no heating or hot water since. 2 kids under 5. Wants visit today.",
  ],
  [
    'B02',
    'PAT-L--',
    'Issue: gift card balance shows £0 after one use, cx says £50 loaded\nWants: balance restored\nTried: checked transaction log - £12.40 spent 2 Mar, nothing since\nDispute: n/a\nPriority: normal',
  ],
  [
    'B03',
    'PATD---',
    'Cx disputes the £95 callout charge - engineer found the fault was on our side of the meter. Wants charge cancelled. Not urgent.',
  ],
  [
    'B04',
    'PAT-LS-',
    'Customer has been waiting 6 weeks for her pension lump sum. Transfer paperwork was completed on 4 April. Chased the ceding scheme twice, no reply. She needs the money to pay a builder who starts next Monday.',
  ],
  ['B05', 'PA-----', 'cust says app charged her twice for the same taxi ride. refund pls'],
  ['B06', '-------', "Chat: cx angry, says we're useless. Wouldn't say what about. Ended chat."],
  [
    'B07',
    'PAT-LS-',
    "Client's website has been offline since the DNS change at 16:00 Friday; their online shop is losing sales every hour. Rolled back the DNS record, still propagating. They want a credit for the downtime.",
  ],
  [
    'B08',
    'PA-DLS-',
    "Cx's daughter (power of attorney) calling. Mum has dementia, was sold a second broadband contract by phone last month. POA wants it cancelled with no early exit charge.",
  ],
  [
    'B09',
    'PATD---',
    "Premium up from £612 to £1,020 at renewal, no claims ever. Cx thinks it's unfair. Explained the market increase, not accepted. Wants the old price.",
  ],
  [
    'B10',
    'PA--LS-',
    "Order [order] - 3 of 5 boxes delivered, rest shows 'in transit' for 9 days. Cx moving out Sat, wants the rest delivered before then.",
  ],
  [
    'B11',
    '-------',
    'SYSTEM: ticket auto-closed after 14 days no reply. Reopened by customer.\nPriority: Medium',
  ],
  [
    'B12',
    'PATD---',
    'He says his car was damaged in our car park by the barrier coming down on it - wants repair costs covered. Site manager reviewed CCTV, says barrier worked normally, so claim refused. He rejects that.',
  ],
  [
    'B13',
    'P-T--S-',
    "Cx's card was retained by the ATM this morning. Reported, card cancelled, replacement ordered. She's abroad until the 20th and has no other card.",
  ],
  [
    'B14',
    'PAT----',
    "cx wants to know why the parcel was returned to sender. Tracking says 'address incomplete' but address is correct on order.",
  ],
  [
    'B15',
    'PA-DL--',
    'Complaint re our refusal to extend the warranty repair: cx says the fault appeared in month 11 and she reported it then, we logged it in month 13. Wants repair under warranty.',
  ],
  ['B16', 'P----S-', 'urgent!! cx on life support equipment, power cut in the street. network team aware?'],
  ['B17', '-A-----', 'Customer would like a callback to discuss options.'],
  [
    'B18',
    'P---L--',
    "Tried: n/a\nIssue: cx can't access online statements since the new app\nWants: -\nTimeline: since v5 release",
  ],
  [
    'B19',
    'PAT-LS-',
    'Airline lost wheelchair on outbound flight 3 June; cx had to borrow one for the week. Bag desk report filed by cx. Wants compensation for the hire costs. Says she will go to the CAA.',
  ],
  [
    'B20',
    'PATD---',
    'Dispute: refused our valuation of the write-off (£6,200), says similar cars sell for £8k\nWants: £8,000\nDone: sent comparable adverts to engineer\nDeadline: -',
  ],
  ['B21', '-------', 'cx not happy. rang 4 times. wants manager'],
  [
    'B22',
    'P---LS-',
    "Energy bill showing a £1,300 debit balance, cx on a payment plan for years and never missed one. Says we stopped taking the DD in Jan without telling her. She's a carer for her husband and can't pay a lump sum.",
  ],
  [
    'B23',
    'PA--LS-',
    'Customer requesting reimbursement of £45 taxi fare after our driver failed to collect him for his hospital appointment yesterday.',
  ],
  [
    'B24',
    'PA-----',
    "L1 note: cx wants to upgrade plan but can't see the option in the app. Passing to sales.",
  ],
  [
    'B25',
    'PAT----',
    'Customer says we debited £240 instead of the agreed £24. Checked: mandate amount typo on our side. Refund over my limit.',
  ],
  [
    'B26',
    '-AT--S-',
    'Chargeback raised by cx with her bank for the holiday deposit. Bank asked us for evidence. cx still wants a full refund from us too.',
  ],
  [
    'B27',
    'PA--L--',
    'cx says the sofa we delivered last week has a broken leg and the fabric is a different colour from the sample. wants replacement. photos on file.',
  ],
  [
    'B28',
    '-ATD---',
    "Escalating per cx request. She's unhappy with the decision on her complaint ref [ref] (upheld in part, £30 offered). Wants £150.",
  ],
  [
    'B29',
    'PA--LS-',
    'Account locked after 3 failed logins, cx travelling for work and needs access to pay suppliers by 5pm today.',
  ],
  [
    'B30',
    'PATDL--',
    'Handset repair returned unrepaired twice, cx has been without a phone for 3 weeks. Offered a loan phone, declined - wants a new handset.',
  ],
  ['B31', 'PAT-L--', 'Meter read submitted by cx 2 Feb via app, not used on Feb bill. Wants bill re-done.'],
  [
    'B32',
    'PA-D---',
    'cx says the rep on the doorstep told him the solar panels would pay for themselves in 5 years. Now says it was mis-sold and wants out of the finance agreement.',
  ],
  ['B33', '-A-----', 'Priority: low\nCx asking how to add a named driver to her policy.'],
  [
    'B34',
    'PATD-S-',
    "Insurer declined the water damage claim as gradual leak (excluded). Cx's loss adjuster report says sudden escape. She is 82, the kitchen is unusable and she is eating cold food. Asked for claim to be reassessed.",
  ],
  ['B35', '-------', 'No issue stated, cx wanted to speak to a human. Transferred.'],
  [
    'B36',
    'PA-DL--',
    'Roaming bundle not applied in Canada 1-8 Sept, charged £214. Cx was told by store staff Canada was included. Wants charges refunded.',
  ],
  [
    'C01',
    'PAT-L--',
    'Smart TV bought 5 weeks ago - no picture, sound only. Tried other HDMI port and a reset with cx on the phone. Wants exchange.',
  ],
  [
    'C02',
    'PA-DL--',
    'Customer objects to the £30 reconnection fee - says she paid the arrears before the cut-off. Wants the fee refunded.',
  ],
  [
    'C03',
    '-----S-',
    "Cx's son says his dad is in hospice care and they need to sort the account. Passing to bereavement & vulnerability team.",
  ],
  [
    'C04',
    'PAT-LS-',
    "Mobile number ported out to another network without cx's request on 12/3 - cx has lost all 2FA for banking. Port reversal requested from donor network, no reply yet. Wants number back today.",
  ],
  [
    'C05',
    'P-TD---',
    "cx says the 12-month loyalty discount was removed at renewal. Told him it was a one-off. He's not having it.",
  ],
  [
    'C06',
    'PA--L--',
    "Cx's fridge freezer stopped cooling on Sunday, all food lost. Wants a replacement and the cost of the food.",
  ],
  ['C07', '-A-----', 'Wants: quote for adding her partner\nIssue: -\nTried: -'],
  [
    'C08',
    'PATDLS-',
    "Executive summary for COO: Customer's online shop (our e-commerce plan) has been unable to take payments since the 2 Nov platform update. Support rolled back their theme and cleared CDN cache without success. Our SLA credit policy caps compensation at one month's fee, which the customer rejects as the outage cost them about £18k in sales. They are asking for £18k and have instructed solicitors.",
  ],
  ['C09', 'P---LS-', 'Pipe burst in the loft 3 days ago, ceiling came down. cx is staying with family.'],
  [
    'C10',
    'PAT----',
    'Shopper says self-checkout charged her for 2 bottles of wine, only bought 1. Receipt checked - 2 scanned. Wants £12.50 back.',
  ],
  [
    'C11',
    '--T----',
    "Called about something to do with her account, line was bad, couldn't hear. Tried calling back, no answer.",
  ],
  [
    'C12',
    'PA---S-',
    'student loan payment not received by uni, cx will be deregistered if not paid by Friday. wants payment chased urgently',
  ],
  [
    'C13',
    'PATDL--',
    "Claim for stolen bike rejected on 14/01: lock not to approved standard. Cx says the T&Cs he was sent didn't mention an approved lock list. Reviewed policy docs, the list is on p.14. Wants claim paid.",
  ],
  [
    'C14',
    'P---L--',
    "App logs users out every few minutes since last night's release, across iOS and Android.",
  ],
  ['C15', '-A-----', 'Customer asking to close her account and move the balance to her new bank.'],
  [
    'C16',
    'PAT--S-',
    'gas meter leaking, smell of gas in kitchen. cx has 3 young kids. Wants engineer out now. Advised to call emergency line - cx says line engaged.',
  ],
  [
    'C17',
    'PAT-L--',
    'Kitchen worktop fitted 8 weeks ago now splitting at the joint. Fitter came back 2 wks ago and resealed it, split again. Wants new worktop.',
  ],
  [
    'C18',
    'P--D---',
    'Customer says our driver was rude and the delivery fee should not apply because the van arrived 4 hours outside the slot.',
  ],
  ['C19', '-------', 'Note from L1: spoke to cx, confirmed address and email. Transferring to L2 as agreed.'],
  [
    'C20',
    'PA-----',
    'cust cant book appointment online - site errors at payment page. wants to book by phone instead',
  ],
  [
    'C21',
    'P-T-L--',
    '- Refund £64 issued 10/10 (ref [ref])\n- cx says not in acct\n- bank says nothing received',
  ],
  [
    'C22',
    'PA-D-S-',
    "Cx refuses to pay the £450 excess on her home claim because the adjuster's report says the damage is from the storm, which she says should be covered in full. She's disabled and lives alone. Wants the excess waived.",
  ],
  [
    'C23',
    'PA-----',
    'Boiler service overdue - annual service never booked by our team despite HomeCare contract. Wants service booked.',
  ],
  ['C24', '-------', 'Priority: normal\nCategory: complaint\nNotes: cx called'],
  [
    'C25',
    'PAT-L--',
    'Order placed 1 Oct, payment taken 2 Oct, order cancelled by system 3 Oct, refund not back. Checked payment gateway - refund failed. Cx wants refund processed.',
  ],
  [
    'C26',
    'PA---S-',
    'cx cannot get into her online banking and has to pay her care home fees today. wants access restored now.',
  ],
  [
    'C27',
    'PA-D---',
    'Cx unhappy with our decision to cap the compensation for the lost parcel at £20 - parcel worth £140. Wants the full value.',
  ],
  [
    'C28',
    'P-T----',
    'Train ticket machine took payment but no ticket printed; station staff gave cx a handwritten note. cx fined by inspector anyway.',
  ],
  ['C29', '-A-----', "cust asking whether they can get a copy of last year's statements."],
  [
    'C30',
    'PAT-LS-',
    "Our engineer cut through the phone line while fitting fibre on Tuesday. Cx's husband has a telecare alarm on that line. Engineer rebooked for Thurs. Cx wants it fixed sooner.",
  ],
  [
    'C31',
    'PA-D---',
    'Cx disputes the interest added to her account - she says the 0% promo was meant to run 24 months, not 12. Wants interest removed.',
  ],
  [
    'C32',
    'PAT----',
    'Subscription renewed at full price after the trial, cx says she cancelled in the app. App logs show no cancellation. Wants money back.',
  ],
  ['C33', '-----S-', 'URGENT - pls call cx back re complaint'],
  [
    'C34',
    'PA--L--',
    "cx flight delayed 7 hrs yesterday, missed hotel first night. wants the night's cost back.",
  ],
  ['C35', 'P------', "Account shows wrong DOB, cx can't pass ID checks on app."],
  [
    'C36',
    'PAT--S-',
    'ATM swallowed card, cx is on holiday in Greece with no other way to pay. Emergency cash arranged at branch but branch closed. Wants emergency card sent to hotel.',
  ],
  [
    'D01',
    'PAT-L--',
    "Hi L2, cx's VPN client drops whenever she joins a video call, started after Tuesday's Windows update. Reinstalled client, same. She'd like a remote session tomorrow am.",
  ],
  [
    'D02',
    'PA-D---',
    'Cx contesting the £75 missed-appointment charge, says our engineer never called to confirm the slot. Wants it removed.',
  ],
  ['D03', '-------', "cx rang, asked for L2 by name, wouldn't give reason"],
  [
    'D04',
    'PAT-LS-',
    'Elderly cx (91) on a prepay meter - top-up not reaching meter since yesterday, meter now on emergency credit. Talked her through re-entering the code twice, rejected both times. Wants an engineer today.',
  ],
  ['D05', 'P------', "Customer's direct debit is being collected on the wrong date."],
  ['D06', '-A-----', 'Customer would like to change the name on her account after marriage.'],
  [
    'D07',
    'PA-DL--',
    'Invoice #[id] includes a £200 "setup fee" that the customer says sales waived in writing in January. Wants a corrected invoice.',
  ],
  [
    'D08',
    'PAT--S-',
    "Pharmacy (business cx) card reader offline, they can't take card payments and have queues out the door. Replacement reader dispatched, ETA tomorrow. Want a loan reader couriered today.",
  ],
  [
    'D09',
    'PATDL--',
    "- Claim ref [ref] for water damage declined 3 wks ago (no cover for gradual seepage)\n- Cx sent plumber's report saying the leak was sudden\n- Reviewed report, still declined by underwriter\n- Cx wants independent assessor",
  ],
  ['D10', '----L--', 'AUTO: ticket reopened by customer reply 2026-03-14 18:22. Previous status: solved.'],
  [
    'D11',
    'PAT--S-',
    "cx wants her late husband's name taken off the joint account, branch refused as she didn't have the death certificate with her",
  ],
  [
    'D12',
    'PA---S-',
    "Cx's wheelchair-accessible taxi booked for hospital today never arrived. Wants a refund and a taxi for tomorrow's appointment.",
  ],
  [
    'D13',
    'PAT-L--',
    'Loyalty points (12,400) vanished from account after the app migration last month. Points history shows nothing. Wants them reinstated.',
  ],
  [
    'D14',
    'PA-----',
    'the customer is querying why her parcel has been sent to the wrong depot and wants it rerouted',
  ],
  [
    'D15',
    'PATD-S-',
    "Cx on universal credit, bank charged £60 in unpaid item fees when his UC was late. Fee refund declined by L1 as within T&Cs. He can't buy food this week. Wants fees refunded.",
  ],
  [
    'D16',
    'PA--L--',
    'Since moving to the new tariff on 1 April, bills have doubled. Cx wants to go back to the old tariff.',
  ],
  [
    'D17',
    'PAT----',
    'Streaming service shows "payment declined" but cx\'s bank says no attempt was made. Cleared app data, re-added card - same error. Wants subscription back on.',
  ],
  ['D18', 'P--D---', "Customer says we're wrong to charge VAT on the repair because it's a warranty job."],
  ['D19', '-------', 'Passing to billing as per cx request. ID&V done.'],
  [
    'D20',
    'PAT-LS-',
    "Tenant reports damp and black mould in the child's bedroom, 18-month-old has asthma. Surveyor visited 4 weeks ago, no works booked. Wants urgent repair.",
  ],
  ['D21', 'PA-----', "cx's Sky Q box keeps rebooting, wants a new box"],
  [
    'D22',
    'PATD---',
    "Insurer wrote off cx's car and valued it at £9,500. Cx believes it's worth £12k and sent three adverts as evidence. Valuation team reviewed and kept the figure. Wants it raised.",
  ],
  ['D23', 'P---L--', 'Duplicate direct debit taken on 5 and 6 June.'],
  ['D24', '-A-----', 'Wants: an apology\nIssue: n/a\nPriority: low'],
  [
    'D25',
    'PAT--S-',
    'Cx locked out of her pension portal, needs to approve a transfer before the deadline on Friday. Reset link sent twice, neither arrived. Wants manual reset.',
  ],
  [
    'D26',
    'PA-----',
    'cx says hotel charged her a £50 resort fee not shown at booking. wants us to get it refunded.',
  ],
  [
    'D27',
    'P-T-L--',
    "Order shipped 12/04 with DPD, tracking stuck at 'label created' since. DPD chased, no response.",
  ],
  [
    'D28',
    'PA---S-',
    "Cx due to have surgery next week and her sick pay claim form hasn't been processed. Needs it before she goes in.",
  ],
  [
    'D29',
    'PA-D---',
    'cx thinks the early repayment charge on her mortgage is excessive and wants it reduced',
  ],
  [
    'D30',
    'PAT----',
    'Customer cannot print boarding passes. I reissued the e-ticket and sent it again. Still failing. She would like the passes emailed as PDFs.',
  ],
  ['D31', '-----S-', 'Cx says she will contact her MP. Did not say why.'],
  [
    'D32',
    'PA--L--',
    'Courier left parcel in the recycling bin yesterday, it got collected by the council. Cx wants a replacement.',
  ],
  [
    'D33',
    'PATD---',
    "Goodwill of £25 offered for the faulty hob, cx says that's an insult given 3 missed engineer visits. Wants a new hob fitted.",
  ],
  ['D34', 'P------', "Cx's salary deposit is missing from her account."],
  ['D35', '-A-----', 'cx asking for info on how to apply for a payment holiday'],
  [
    'D36',
    'PAT-LS-',
    "Our technician disconnected the wrong customer's gas supply this morning at 8:10. Cx has no heating and a newborn. Reconnection booked for 4pm but cx wants it done sooner.",
  ],
  ['D37', 'PA-D---', 'Cx says the cancellation fee of £90 is a penalty and unenforceable. Wants it waived.'],
  [
    'D38',
    'P-T-L--',
    'Card payment for groceries declined at 11am today. Checked - card on fraud hold after online purchase abroad earlier.',
  ],
  ['D39', 'PA-----', 'Cx reports garden furniture arrived missing 2 legs. Wants the parts sent.'],
  [
    'D40',
    'PAT-L--',
    "Broadband install missed twice (3 Mar, 10 Mar). Third appt booked 17 Mar. Cx wants compensation for the two days' holiday she took.",
  ],
  [
    'E01',
    'PAT-L--',
    "cx's laptop screen went black 2 days after warranty repair. Tried external monitor - works, so its the panel. Wants it collected again.",
  ],
  [
    'E02',
    'PA-D---',
    'Customer dissputes the £12 paper billing charge, says she was never asked if she wanted paperless. Wants charge refuned.',
  ],
  [
    'E03',
    'P-T-LSR',
    'Cx recieved disconnection notice for water on 3/9 despite paying in full on 28/8. Single mum, 2 kids. Checked - payment allocated to old acct number.',
    "Agent: Hello, this is the billing team. When did you make your payment and how much was it?\nCustomer: I paid it all on the 28th of August, like I told the last agent. I've got kids, I can't have the water cut off.",
  ],
  ['E04', '-------', 'Issue:\nWants:\nTried:\nNotes: cx hung up before details taken'],
  [
    'E05',
    'PA--LS-',
    '[AUTO] P1 incident: payroll integration failing for client since 06:00. Client wants status updates hourly.',
  ],
  [
    'E06',
    'PATDLS-',
    'To: Director of Retail\nMrs Chen bought a sofa in our Leeds store on 2 March. It arrived with a split seam. Our returns team refused a refund because the 14-day window had passed by the time she reported it (day 16). She says she reported it by phone on day 3 and we have no record. I have checked the call logs and found a 3-minute call from her number on 5 March. She has told us she will go to the Furniture Ombudsman. She wants a full refund and collection.',
  ],
  ['E07', 'PA-----', "cx says the promo code won't apply at checkout. wants 20% off honoured."],
  ['E08', '-A-----', 'Cx wants a paper copy of her policy schedule sent to her new address.'],
  [
    'E09',
    'PAT---R',
    'Internet keeps cutting out. Router replaced already. Wants an engineer.',
    "Agent: Hi, I'm from tech support. Could you describe what's happening with your internet?\nCustomer: It keeps cutting out, I said this already, and you've replaced the router.",
  ],
  [
    'E10',
    'P---LS-',
    'Flight from Lisbon cancelled, cx and 2 small kids stuck at airport overnight, no hotel offered.',
  ],
  [
    'E11',
    'PA-D---',
    "Customer feels the admin fee for changing her direct debit date is unjustified and won't pay it. Wants it cancelled.",
  ],
  ['E12', '--T----', 'Transferred from chat. Bot collected: account number, postcode. Sent cx the FAQ link.'],
  [
    'E13',
    'PAT-L--',
    'bank transfer of £3,000 to solicitor not arrived, sent Mon. Traced - funds held for fraud checks. cx wants them released.',
  ],
  ['E14', '-A-----', 'wants callback re: complaint'],
  [
    'E15',
    'P--D-S-',
    "Customer's mortgage application declined on affordability. She says the assessment ignored her second job income. Completion is on Friday and she'll lose the house.",
  ],
  ['E16', 'PA-----', "Cx can't redeem gift voucher online - code says invalid. Wants new code."],
  [
    'E17',
    'P-T-L--',
    'Invoices not syncing to accounting software since 14 Feb. Re-authorised the integration, cleared tokens. Still fails with 401.',
  ],
  ['E18', '-----S-', 'Note: vulnerable customer - hearing impaired, prefers email. Escalating as requested.'],
  [
    'E19',
    'PATD---',
    "cx charged early cancellation fee £180 for broadband, says she moved to an area we don't cover so it shouldn't apply. L1 explained the T&Cs, cx not satisfied with that. Wants fee waived.",
  ],
  [
    'E20',
    'PA--L-R',
    'Car hire desk charged £400 deposit twice at pickup on 20/7. Wants one released.',
    'Agent: Thanks for waiting. Which payments are you asking about?\nCustomer: The two £400 deposits from the 20th of July, it should be on your notes.',
  ],
  ['E21', '-------', 'Customer called, very irate, demanded escalation.'],
  [
    'E22',
    'PAT--S-',
    "No hot water in the flat, landlord's boiler cover with us. Cx is 8 months pregnant. Booked engineer for Wed - cx wants sooner.",
  ],
  ['E23', 'PA--L--', 'Statement shows transactions from 2019 that are not hers. Wants them investigated.'],
  [
    'E24',
    'PATD---',
    'Goods returned, refund reduced by 30% restocking fee. Cx says the fee was not shown at purchase. Reviewed website - fee in small print. Cx wants the full amount.',
  ],
  ['E25', 'PA-----', "the cust cant reset her pin, app says 'too many attempts'. wants it unlocked"],
  [
    'E26',
    'PATDL--',
    "Summary: cx's broadband slow (2Mb) for 2 months; 4 engineer visits; line replaced; still slow. Wants to leave without penalty.",
  ],
  [
    'E27',
    'PA---SR',
    "Cx in hospital, can't get to post office to collect parcel of medication that failed delivery. Wants redelivery to ward.",
    "Agent: Hello, I'm from deliveries. What can I do for you?\nCustomer: I just need my parcel redelivered to the hospital ward please.",
  ],
  ['E28', 'P---L--', "Passport application paid 10 weeks ago, status still 'received'."],
  [
    'E29',
    'P-T--S-',
    "cx's business email down. 15 staff can't send invoices. Restarted mail service, no change. Wants escalation to vendor asap.",
  ],
  [
    'E30',
    'PA-D---',
    'Cx is disputing our decision to apply the annual price rise mid-contract, says contract said fixed price. Wants the rise reversed.',
  ],
  ['E31', '-------', 'Same as before.'],
  [
    'E32',
    'PAT-L--',
    'Washing machine leaks from the door seal, bought in Jan. Engineer replaced seal 3 weeks ago, leaking again. Wants a replacement machine.',
  ],
  [
    'E33',
    'PA-----',
    'Cx says parking app charged her for 3 hours when she only stayed 1. Wants the difference back.',
  ],
  [
    'E34',
    'PA---S-',
    "Gas leak reported by cx, she's asthmatic and her house smells of gas. Wants someone out now.",
  ],
  [
    'E35',
    'P---L--',
    'Hotel booking for 12-14 June not found at check-in on 12 June. Cx paid for another hotel.',
  ],
  ['E36', '-A-----', 'Customer requesting a statement of account for her accountant.'],
  [
    'E37',
    'PAT----',
    'Online banking shows a pending payment that the merchant says was never taken. Spoke to merchant, they confirm cancellation. Cx wants the pending amount released.',
  ],
  ['E38', 'PA--L--', 'Subscription auto-renewed on 1 Sept despite cx cancelling in August. Wants a refund.'],
  [
    'E39',
    'P-TD---',
    "Cx's claim for lost luggage paid at £250 per item limit. Cx says the policy she bought was sold as unlimited. Offered £50 goodwill, rejected.",
  ],
  ['E40', 'PA-----', 'Cx says meter is faulty and spinning fast. Wants a meter test.'],
  [
    'F01',
    'PA--L--',
    "Cx's new sim hasn't activated since it arrived Thurs - no service at all. Wants it working.",
  ],
  [
    'F02',
    'PATD---',
    "Buyer protection claim closed in seller's favour, cx says item never matched listing and she has photos. Reviewed photos - item clearly different colour. She wants the decision overturned.",
  ],
  ['F03', 'P---L--', 'Heating oil delivery short by 200 litres on 14 Nov, per tank gauge.'],
  [
    'F04',
    'PA-D---',
    'cx says being charged for international calls she never made, wants them removed. says our fraud team should have spotted it.',
  ],
  ['F05', '-------', 'General enquiry - passing to correct team.'],
  [
    'F06',
    'PAT-L--',
    "App won't let cx add a payee, error 'limit reached'. Checked - no limit on acct. Started after she changed phones last week. Wants to pay her builder.",
  ],
  ['F07', 'PA---S-', "cx's stairlift broken, she can't get upstairs to bathroom. Wants emergency repair."],
  [
    'F08',
    'PAT-L--',
    "Customer was refused boarding on 3 Aug because the airline said her passport had < 6 months validity. Our booking page didn't mention it. Checked: the rule is on the airline's site, not ours. She wants the fare refunded by us.",
  ],
  [
    'F09',
    'PA-D---',
    "Member says the gym's price increase breaches his 12-month price freeze. Wants old price restored.",
  ],
  [
    'F10',
    '-AT----',
    'Cx asked for a copy of the call recording from her complaint. Request logged with data team.',
  ],
  [
    'F11',
    'PA--L--',
    'Furniture delivery arrived damaged on Monday, driver refused to take it back. Wants collection + replacement.',
  ],
  ['F12', 'P-T----', "Card machine showing 'no network' - swapped SIM, same."],
  [
    'F13',
    'P--D-S-',
    "Landlord insurance claim for rent arrears refused because tenant referencing wasn't done by an approved agency. Cx says no one told him that was required. He's now 3 months behind on his own mortgage.",
  ],
  [
    'F14',
    'PA-----',
    "Customer's online order shows as paid but she didn't receive a confirmation email or order number. Wants confirmation.",
  ],
  ['F15', '-----S-', 'Customer mentioned he is recently widowed. Nothing else raised.'],
  [
    'F16',
    'PAT-L--',
    'Second time the TV wall bracket has come loose (first fitted 5 Jan, refitted 20 Jan). Cx wants a professional installer.',
  ],
  [
    'F17',
    'PA-D---',
    'Cx unhappy we charged £35 for a replacement key fob when the original failed within warranty. Wants refund.',
  ],
  ['F18', 'P---L--', 'Since the firmware update the thermostat reads 5 degrees too high.'],
  [
    'F19',
    'PAT----',
    "Car park barrier didn't lift on exit, cx paid again at the machine. Confirmed both payments on system. Wants one refunded.",
  ],
  ['F20', '-A-----', 'Customer wants to know when the new branch opens.'],
  [
    'F21',
    'PATD---',
    'cx received a £90 parking charge notice from our car park - she says the signage was unclear and she paid for the right time. Appeal rejected by L1. Wants PCN cancelled.',
  ],
  [
    'F22',
    'PA--LS-',
    'No internet for 4 days, cx works from home and is using up her mobile data. Wants it fixed and a credit.',
  ],
  ['F23', 'PA-----', 'Loan top-up quote online differs from what branch offered. Cx wants branch figure.'],
  [
    'F24',
    'PAT-L--',
    'Parcel lost in transit, tracking stopped 8 days ago. Claim opened with carrier. Cx wants refund now not after claim.',
  ],
  ['F25', '-------', 'Priority: normal\nNote: see attached'],
  [
    'F26',
    'PATD---',
    "Pensioner says we applied the standing charge twice on her bill and won't accept our explanation that it covers two meters. Wants a corrected bill.",
  ],
  [
    'F27',
    'PAT-L--',
    'Solar panel output dropped to zero on 2 July. Inverter rebooted by cx, red light persists. Wants engineer.',
  ],
  ['F28', 'P------', "The customer's account was closed in error."],
  [
    'F29',
    'PA--LS-',
    "cx's direct debit for her care home bounced yesterday after we froze her account in error. Home threatening to evict her mother. Wants account unfrozen today.",
  ],
  [
    'F30',
    'P--D---',
    'Customer contests the excess deducted from the windscreen claim, says the advert said £0 excess for glass.',
  ],
  [
    'F31',
    'PAT----',
    "Cx's password reset emails go to an old address. Verified new email on file - correct. Wants emails fixed.",
  ],
  ['F32', 'PA--L--', 'cx bought a phone case 2 weeks ago, already cracked. wants refund'],
  ['F33', 'P------', "Meter reading on bill doesn't match the meter."],
  [
    'F34',
    'PATDL--',
    'Travel claim for missed connection (5 June) paid £40, cx expected £200 under the delay benefit. Explained the benefit is per 12 hours delayed. Cx disagrees - says delay was 14 hours.',
  ],
  ['F35', '-A-----', 'Customer requests to add her son as an authorised user.'],
  [
    'F36',
    'PA--LS-',
    "Customer's only car in for repair with us 3 weeks, still waiting parts. She's a nurse on night shifts with no transport. Wants a courtesy car.",
  ],
  [
    'F37',
    'PA--L--',
    'Software licence expired on 30 June despite auto-renew being on. Client locked out of reports. Wants licence restored.',
  ],
  [
    'F38',
    'PATD---',
    'Fridge delivered with dent in door. Offered 10% discount; cx wants replacement instead.',
  ],
  ['F39', 'P------', "Cx says her insurance renewal letter has someone else's name on it."],
  [
    'F40',
    'PA--L--',
    'Shower fitted by our plumber last month now leaks into the kitchen below. Wants it fixed.',
  ],
  [
    'G01',
    'PAT-L-R',
    "Issue: cx's e-reader won't turn on after last night's update\nWants: replacement\nTried: held power 30s, charged overnight\nDispute: -\nPriority: normal",
    "Agent: Hi, it's tier 2. What happens when you try to switch it on?\nCustomer: Nothing at all, like I said to your colleague, ever since the update last night.",
  ],
  [
    'G02',
    'PA-D---',
    'cx disputes the £8 fee for paying by card over the phone - says nobody mentioned it. wants it refunded',
  ],
  [
    'G03',
    '-------',
    'customer called re account. wants to complain. put through to complaints.',
    "Agent: Hello, complaints team here. What's your complaint about?\nCustomer: I've explained this twice already! My pension statement is wrong.",
  ],
  [
    'G04',
    'PATDLS-',
    'Summary for Head of Customer Care: Mr Osei (78, lives alone) has had no landline since the exchange fault on 2 May. Our engineer attended on 6 May and said a cable needs digging up, no date given. Mr Osei relies on the line for his personal alarm. He was offered a mobile phone, which he refused as he cannot use one. He wants the line restored and a credit for the outage.',
  ],
  ['G05', 'P---L--', '• Cx order [order]\n• Paid 28/02\n• Nothing dispatched\n• Cx fed up'],
  [
    'G06',
    'PA-----',
    'cust says the roaming bundle wasnt applied while in the US, wants the charges reversed',
  ],
  ['G07', '-A-----', 'Caller wants to switch to annual billing.'],
  [
    'G08',
    'PAT-LSR',
    "Payment to cx's landlord (£950 rent) sent 1st, bounced back 3rd with 'account closed'. Checked - sort code typo in payee. Cx faces late fee from landlord if not paid today. Wants re-send.",
    "Agent: Hello, it's the payments team. Can you tell me when you sent the payment and how much it was?\nCustomer: £950 on the 1st. I gave all this to the first person.",
  ],
  [
    'G09',
    'PA-D---',
    'Customer says he was mis-sold gadget insurance with his phone contract and wants all premiums back.',
  ],
  [
    'G10',
    'P-T----',
    'Scanner not detected by PC. Tried new USB cable and different port. Still not detected.',
  ],
  [
    'G11',
    'PA--L--',
    'Smart meter stopped sending readings in March, since then estimated bills. Wants the meter fixed and bills based on actual readings.',
  ],
  ['G12', '-----S-', 'VULNERABLE - cx has dementia, daughter has LPA. Daughter calling back tomorrow.'],
  [
    'G13',
    'PATD---',
    "Cx was refused a refund on concert tickets as the event was postponed not cancelled. She can't make the new date. Explained our T&Cs. She says that's unfair. Wants full refund.",
  ],
  ['G14', 'PA-----', 'Wifi extender disconnects every night. Cx wants a better router.'],
  ['G15', 'P---L--', 'SYSTEM: Payment gateway timeouts since 14:32 (error 504) - 230 failed transactions'],
  [
    'G16',
    'PA---S-',
    "Cx can't log into benefits portal to submit her claim, deadline tomorrow. Wants account unlocked today.",
  ],
  [
    'G17',
    'PAT-L--',
    'Cx complains the plumber (our contractor) left a water stain on the ceiling after fixing the leak on 8 Oct. Photos received. Wants ceiling repainted.',
  ],
  ['G18', '--T----', 'Called cx 3x, no answer. Closing contact attempt and escalating per process.'],
  [
    'G19',
    'PATD--R',
    'Customer rejects the £120 we offered for his damaged suitcase - he says it cost £300. Wants full cost.',
    "Agent: Hi, I'm from baggage claims. What happened to your suitcase?\nCustomer: It was damaged, I told the other agent. I want the full £300 not your £120.",
  ],
  [
    'G20',
    'PA--L--',
    'Groceries delivered yesterday were missing 6 items but cx was charged for all. wants refund for missing items',
  ],
  ['G21', 'PA-----', "cx getting error 'card not supported' when paying in app. wants to pay by card."],
  ['G22', '-A-----', 'Customer would like information about our student account.'],
  [
    'G23',
    'PAT----',
    'Bike delivered with wrong pedals. Courier booked to collect the wrong ones. Cx wants correct pedals sent.',
  ],
  [
    'G24',
    'PA-DL--',
    'Cx says we raised her premium by 40% at renewal on 1 Nov although her policy was sold with a no-claims price promise. Wants it reduced.',
  ],
  [
    'G25',
    'P----S-',
    "Cx's hearing aid batteries order not arrived; she's deaf and can't use the phone without them.",
  ],
  [
    'G26',
    '-------',
    'Template note\nIssue: \nCustomer wants: \nTried: none\nDispute: none\nTimeline: \nPriority: ',
  ],
  [
    'G27',
    'PAT-L--',
    'TV licence letter says cx owes £169 but she paid 3 weeks ago. Confirmed payment on her account. She wants the letter withdrawn.',
  ],
  ['G28', 'PA---S-', "cx's pharmacy delivery of insulin not arrived, she's out tomorrow. Needs it today."],
  [
    'G29',
    'PATD---',
    'Cx disagrees with our claim assessment - we said the roof damage was wear and tear, she says the storm caused it. Wants the claim reassessed.',
  ],
  [
    'G30',
    'P-----R',
    "Cx's card keeps being declined at petrol pumps only.",
    "Agent: Hi, it's the cards team. Could you describe the problem?\nCustomer: Again? It's declined at petrol pumps, everywhere else is fine.",
  ],
  [
    'G31',
    'PAT-L--',
    'Hotel room not cleaned for 3 days of a 5-night stay. Spoke to hotel manager who apologised. Cx wants partial refund.',
  ],
  [
    'G32',
    'PA-----',
    'the customer reports online banking showing balance of £0 although she has funds. wants it corrected',
  ],
  [
    'G33',
    'PA-D---',
    'Cx says the £45 charge for a missed delivery is wrong because our driver came to the wrong address. Wants it refunded.',
  ],
  ['G34', '-A-----', 'cx wants to cancel her gym membership'],
  [
    'G35',
    'PAT-L--',
    "Password manager app lost all saved passwords after yesterday's sync. Cx restored from backup - backup empty. Wants data recovered.",
  ],
  ['G36', 'PA---S-', 'Mobility scooter repair overdue, cx housebound without it. Wants loan scooter.'],
  [
    'G37',
    'PAT----',
    'Cx reports invoice sent to wrong company. Reissued invoice to correct address. Cx wants confirmation the other company deleted it.',
  ],
  [
    'G38',
    'PA--L-R',
    "cx's car recall repair booked 2 months ago keeps being cancelled by the garage. wants a firm date.",
    "Agent: Hi, I'm from the recalls team. How long have you been waiting for the repair?\nCustomer: Two months, as I told your colleague, and they keep cancelling.",
  ],
  [
    'G39',
    'PA-D---',
    "cx thinks the interest charged on his overdraft breaks the 'interest-free buffer' he was promised. Wants interest refunded.",
  ],
  ['G40', 'P-T----', "Customer's tablet screen flickers. Turned off adaptive brightness, no change."],
  [
    'H01',
    'PAT-L--',
    'cx\'s bank app shows "session expired" every time she opens it since Friday. Reinstalled app, same. Wants it working.',
  ],
  [
    'H02',
    'PA-D---',
    'Cx disputes the £60 admin charge for changing his flight - says the website said changes were free. Wants it refunded.',
  ],
  ['H03', '-------', "cx wanted to speak to someone about her account, didn't say what. transferred"],
  [
    'H04',
    'PAT-LSR',
    'No heating or hot water since Sat, boiler showing E119. Cx is 84 and lives alone. Engineer booked Wed but cx wants sooner.',
    "Agent: Hi, it's the heating team. What's the problem with your boiler?\nCustomer: I told the lady yesterday, no heating, no hot water, it says E119.",
  ],
  ['H05', 'PA-----', 'Shoes ordered in size 8, size 6 delivered. Wants exchange.'],
  [
    'H06',
    'P-T-L--',
    'Refund for cancelled order (£48) processed 2 Feb, cx says not received. Checked - refund went to expired card.',
  ],
  ['H07', '-A-----', 'cx asking to update her phone number'],
  [
    'H08',
    'PA-D---',
    'Customer objects to paying for the engineer visit since the fault turned out to be on our network. Wants the £85 waived.',
  ],
  [
    'H09',
    'PAT-LS-',
    "Business cx: all 12 staff locked out of email after password policy change. Cleared sessions, no change. They can't work. Want access restored asap.",
  ],
  ['H10', 'P---L--', 'Paid invoice 3 weeks ago, still getting reminder letters.'],
  [
    'H11',
    'PATD--R',
    'Claim declined as pre-existing condition. Cx says she declared it at purchase. Checked application - it was declared. Wants decision reviewed.',
    "Agent: Hello, I'm from claims review. Why do you think the decision is wrong?\nCustomer: As I already said, I declared the condition when I bought the policy.",
  ],
  ['H12', 'PA-----', "cx can't find the e-ticket email. wants it resent."],
  ['H13', 'P----S-', 'Pregnant cx, 38 weeks, her only phone has stopped working.'],
  ['H14', 'PA--L--', 'Water bill doubled since the meter was fitted in June. Wants the meter checked.'],
  ['H15', '--T----', 'Left voicemail and sent email to cx. No response yet.'],
  [
    'H16',
    'PA-D---',
    'cx says the £15 late payment fee is unfair because the payment date fell on a bank holiday. Wants it removed.',
  ],
  [
    'H17',
    'PAT-L--',
    'Garden furniture set ordered 12 Aug, delivery date moved 4 times. Chased warehouse twice. Cx wants a firm date or refund.',
  ],
  ['H18', 'P------', "Cx's loyalty card not registering points at tills."],
  [
    'H19',
    'PA---S-',
    "Cx's electric wheelchair charger faulty - chair nearly flat. Wants replacement charger same day.",
  ],
  [
    'H20',
    'PATDLS-',
    'Compensation offered for 5-day outage (£25) rejected by cx, says she lost income as a childminder. Outage was 2-7 March. Wants £150.',
  ],
  [
    'H21',
    'PA-----',
    'Customer says his account was charged a monthly fee though he downgraded to the free plan. Wants the fee refunded.',
  ],
  ['H22', '-------', 'No details - chat disconnected.'],
  [
    'H23',
    'PAT----',
    'The washing machine we installed is leaking. Our installer returned and tightened the hose, still leaking. Wants an engineer.',
  ],
  [
    'H24',
    'PA--L--',
    'cx was double-booked on a train seat on 4 Sept and had to stand for 3 hours. Wants compensation.',
  ],
  ['H25', 'P------', "Cx's statement has transactions in the wrong order."],
  [
    'H26',
    'PA-D---',
    'Cx refuses to pay the £300 bill for repairs under her tenancy, says the damage was there when she moved in. Wants the bill cancelled.',
  ],
  ['H27', '-A-----', 'Customer wants to know if we deliver to Jersey.'],
  [
    'H28',
    'PAT-L--',
    "Cx's app subscription charged twice on 1 Oct. Verified two payments. Wants one refunded.",
  ],
  ['H29', 'P----S-', 'Customer threatening to go to the press over the delays to his pension transfer.'],
  ['H30', 'PA-----', 'Broadband router lights all off. Cx wants an engineer.'],
  [
    'H31',
    'PAT--S-',
    "cx's gas cut off in error during meter swap. She has a newborn. Engineer on the way. Wants compensation.",
  ],
  [
    'H32',
    'PA-D---',
    "Customer thinks the £250 excess shouldn't apply because the other driver admitted fault. Wants excess refunded.",
  ],
  ['H33', 'PA--L--', 'Tablet bought 10 days ago, battery lasts an hour. Wants refund.'],
  ['H34', '--T----', 'Sent cx the returns label. Passing to returns team.'],
  [
    'H35',
    'PAT----',
    "Cx's new debit card declined online but works in shops. Checked - online payments not enabled. Enabled, still declined. Wants card fixed.",
  ],
  [
    'H36',
    'PA--L-R',
    "cx's smart doorbell stopped recording since the last update. Wants it fixed.",
    "Agent: Hi, I'm from smart home support. When did it stop recording?\nCustomer: Since the update, like I said in my message.",
  ],
  [
    'H37',
    'PA-----',
    "Cx's online grocery order substituted every item. Wants a refund for the substitutions.",
  ],
  [
    'H38',
    'PA-D---',
    'Cx contests the decision to close her account, says she was given no reason. Wants it reopened.',
  ],
  [
    'H39',
    'PAT----',
    'Courier left parcel with neighbour who says they never got it. Checked GPS - delivered to wrong house. Cx wants replacement.',
  ],
  [
    'H40',
    'P-T-L--',
    "Cx's car hire deposit (£200) not released 3 weeks after return. Chased rental desk, no reply.",
  ],
  [
    'I01',
    'PAT-L--',
    "cx's fitness tracker stopped syncing heart rate data after Monday's app update. Logged out/in, re-paired. Wants it fixed.",
  ],
  [
    'I02',
    'PA-D---',
    "Customer disputes a £25 'failed payment' fee - says her DD bounced because we requested the wrong amount. Wants fee refunded.",
  ],
  ['I03', '-------', 'Cx rang to chase. Nothing further.'],
  [
    'I04',
    'PA--LS-',
    "Electricity off since 7am after our contractor damaged the cable outside. Cx's son is on a home ventilator, running on battery. Network team informed. Wants supply restored asap.",
  ],
  ['I05', 'PA-----', 'cx ordered a king size duvet and got a single. wants the right one sent'],
  ['I06', 'P-T----', "Laptop won't boot past the logo. Ran hardware diagnostics - memory fault."],
  ['I07', '-A-----', 'Customer asking to defer her next payment.'],
  [
    'I08',
    'PATD---',
    "Claim for broken phone screen rejected - cx had case fitted so says it wasn't careless. Assessor reviewed photos and stood by the rejection. Cx wants phone repaired.",
  ],
  [
    'I09',
    'PA--L--',
    "cx's train was cancelled on 18 Jan and refund request hasn't been acknowledged. Wants refund.",
  ],
  ['I10', 'P----S-', 'Cx on dialysis, her home phone line is dead.'],
  [
    'I11',
    'PAT----',
    'Direct debit collected £92 instead of agreed £46. Confirmed mandate amount is wrong. Cx wants the difference back.',
  ],
  [
    'I12',
    'PA-D---',
    "Cx says the surcharge for paying by credit card isn't allowed by law. Wants it refunded.",
  ],
  ['I13', 'PA--L--', 'Parcel delivered 3 days late, food inside spoiled. Wants refund.'],
  ['I14', '--T----', "ID&V passed. Updated cx's address. Passing on."],
  [
    'I15',
    'PAT-L--',
    "Desk chair mechanism broken after 6 weeks. Sent replacement part, didn't fit. Cx wants new chair.",
  ],
  [
    'I16',
    'P----S-',
    "Customer says she'll report us to the Information Commissioner over the data breach letter.",
  ],
  ['I17', 'PA-----', "the customer's hotel reservation shows the wrong dates. wants it corrected"],
  [
    'I18',
    'PA-DL--',
    "Car lease return: charged £640 for 'excess wear' on 3 March. Cx says the marks were there at handover and has photos. Wants charges cancelled.",
  ],
  [
    'I19',
    'PA---S-',
    "cx's fridge broken, she's diabetic and her insulin needs refrigerating. Wants urgent repair.",
  ],
  ['I20', '-A-----', 'Wants: callback tomorrow after 5\nIssue: n/a'],
  [
    'I21',
    'PAT----',
    'Cx cannot access her pension statement online - page loads blank. Cleared cache, tried another browser. Wants statement posted.',
  ],
  [
    'I22',
    'P-T-L--',
    'Mortgage overpayment of £2,000 made 10 Feb not showing on balance. Traced payment - received but unallocated.',
  ],
  [
    'I23',
    'PA-D---',
    "Cx unhappy that our refund policy excludes sale items - says the sale sign didn't mention it. Wants refund.",
  ],
  ['I24', '-------', 'Issue: -\nWants: -\nTried: -\nPriority: low'],
  [
    'I25',
    'PAT----',
    'Kettle switches itself off before boiling. Replaced with new one, same issue. Cx wants refund.',
  ],
  [
    'I26',
    'PA--LS-',
    "Business broadband down since 10am, cafe can't take card payments. Wants it fixed today.",
  ],
  [
    'I27',
    'PATD-S-',
    "Goodwill credit of £15 offered for the delayed repair; cx says it doesn't cover her time off work. Wants £100.",
  ],
  ['I28', 'P------', "cx's online account shows someone else's orders"],
  [
    'I29',
    'PA-----',
    'Customer reports the self-service kiosk ate her banknotes without crediting. Wants £40 credited.',
  ],
  [
    'I30',
    'PAT-L--',
    'Shed delivered 2 weeks ago, panels warped. Fitter inspected, confirmed manufacturing fault. Wants replacement panels.',
  ],
  ['I31', '-A-----', 'cx asking us to send a copy of her contract.'],
  [
    'I32',
    'PA-D---',
    'Cx says she should not be charged the cancellation fee because she cancelled within the cooling-off period. Wants it removed.',
  ],
  ['I33', 'P---L--', 'Boiler making loud banging noise since the service last week.'],
  [
    'I34',
    'PAT--S-',
    "cx's medical alert pendant not connecting to base unit. Reset base unit with her, no change. She lives alone, 88. Wants replacement today.",
  ],
  [
    'I35',
    'PA-----',
    "Cx's points balance is lower than the points on her receipts. Wants balance corrected.",
  ],
  [
    'I36',
    'PAT----',
    'Home insurance renewal price doubled this year. Explained market pricing. Cx wants to be quoted the same as a new customer.',
  ],
  ['I37', 'P------', 'Order confirmation email has wrong delivery address.'],
  [
    'I38',
    'PA---S-',
    "Cx can't get her wages paid in as her account is frozen - rent due tomorrow. Wants account unfrozen.",
  ],
  ['I39', 'PAT-L--', 'Monitor arrived with dead pixels on 2 Oct. Photos received. Wants exchange.'],
  [
    'I40',
    'PA-DL--',
    'Cx contests being billed for a second set-top box she says she returned in 2022. Wants charges removed.',
  ],
];
const letterOf: Record<DetectedElement, string> = {
  problem: 'P',
  customer_ask: 'A',
  already_tried: 'T',
  dispute_source: 'D',
  timeline: 'L',
  severity: 'S',
  customer_repeated: 'R',
};
const ownBar = 0.9;

describe('handover detectors on notes of our own', () => {
  let temp: TempStore;
  const detected = new Map<string, Record<DetectedElement, boolean>>();

  beforeAll(async () => {
    temp = await openTempStore();
    const detectors = await loadDetectors(process.env.EQA_EVAL_DETECTORS || undefined);
    await temp.store.withSession(async (session) => {
      await session.run('CREATE TEMP TABLE cases (step_key VARCHAR, note VARCHAR, next_contact VARCHAR)');
      for (const [name, c] of Object.entries(cases)) {
        await session.run('INSERT INTO cases VALUES ($1, $2, $3)', [name, c.note, c.next ?? null]);
      }
      for (const [id, , note, next] of labelledNotes) {
        await session.run('INSERT INTO cases VALUES ($1, $2, $3)', [`own:${id}`, note, next ?? null]);
      }
      await detectHandoverElements(session, detectors, { source: 'cases', target: 'cases_detected' });
      for (const row of await session.all<Record<DetectedElement, boolean> & { step_key: string }>(
        'SELECT * FROM cases_detected',
      )) {
        detected.set(row.step_key, row);
      }
    });
  });

  afterAll(() => temp?.dispose());

  it.each(Object.entries(cases))('%s', (name, c) => {
    const row = detected.get(name);
    const found = Object.fromEntries(Object.keys(c.expect).map((e) => [e, row?.[e as DetectedElement]]));

    expect(found).toEqual(c.expect);
  });

  it(`should keep ${ownBar} precision and recall on every element over the fully labelled notes`, () => {
    const rows = detectedElements.map((element) => {
      const c = { element, tp: 0, fp: 0, fn: 0 };
      for (const [id, present] of labelledNotes) {
        const predicted = detected.get(`own:${id}`)?.[element] ?? false;
        const actual = present.includes(letterOf[element]);
        c.tp += Number(predicted && actual);
        c.fp += Number(predicted && !actual);
        c.fn += Number(!predicted && actual);
      }
      return { ...c, precision: c.tp / (c.tp + c.fp || 1), recall: c.tp / (c.tp + c.fn || 1) };
    });
    console.log(
      [
        `Handover detectors on ${labelledNotes.length} notes of our own:`,
        ...rows.map(
          (r) =>
            `${r.element.padEnd(18)} tp ${String(r.tp).padStart(3)}  fp ${String(r.fp).padStart(2)}  fn ${String(r.fn).padStart(2)}  precision ${r.precision.toFixed(2)}  recall ${r.recall.toFixed(2)}`,
        ),
      ].join('\n'),
    );

    const below = rows
      .filter((r) => r.precision < ownBar || r.recall < ownBar)
      .map((r) => `${r.element} (P ${r.precision.toFixed(2)}, R ${r.recall.toFixed(2)})`);
    expect(below).toEqual([]);
  });
});
