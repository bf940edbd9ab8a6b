/**
 * Example service cases (服务案例) for templates. Copy detection compares
 * 5-character shingles (core/engine/copies.ts), so example cases must not share
 * most of their text: each case is seven sentences, one from each of seven
 * positions, each position offering seven wordings. The wording of position
 * x = 1…6 for case k = 7b + a is (a·x + b·x²) mod 7, so two different cases
 * (k < 49) share at most one of those six; position 7 adds at most one more.
 */
import type { Lang } from '../types';

type Line = (who: string, scene: string, n: number) => string;

const ZH: Line[][] = [
  [
    (w, s, n) => `${s}，${w}接到电话后第一时间与客户确认地址、联系人和问题描述，并在${n}分钟内给出处理方案。`,
    (w, s) => `那天下午${w}在值班时遇到${s}，先耐心听完客户的讲述，把关键情况逐条记在工单上，随后约定了上门时间。`,
    (w, s) => `${w}从系统里看到${s}的求助后，立刻回拨过去，用平和的语气稳住了着急的客户，又询问了设备型号和购买日期。`,
    (w, s) => `客户打来电话时情绪很激动，原来是${s}。${w}没有急着解释，而是先道歉，再一条条核对需要帮忙的事项。`,
    (w, s) => `这起${s}的服务，是${w}在例行回访中发现的：客户随口提起困难，${w}当场登记，并主动提出帮忙解决。`,
    (w, s) => `清晨七点，${w}收到同事转来的消息，说有${s}。${w}顾不上吃早饭，查好路线后马上联系了客户本人。`,
    (w, s) => `遇到${s}，很多人会觉得麻烦，${w}却把它当作自己的事情：详细了解经过后，给客户发去了一份清楚的处理步骤。`,
  ],
  [
    (w, _s, n) => `出发前，${w}准备了常用备件和工具，和同事分好工：一人安抚客户，一人检查设备，前后用了约${n + 20}分钟。`,
    (w) => `路上遇到堵车，${w}每隔十分钟给客户发一次位置，让对方心里有底，到达后先递上鞋套，再开始工作。`,
    (w) => `${w}带上了上次类似故障的检修记录，到现场后对照排查，很快找到了问题所在，没有让客户多等。`,
    (w) => `因为客户家里有老人和孩子，${w}特意选在午休以后上门，并提前打电话确认方便的时间和停车位置。`,
    (w, _s, n) => `仓库里缺少一个配件，${w}跑了两家门店才借到，虽然多花了${n}分钟，但保证了当天就能修好。`,
    (w) => `${w}把需要用到的资料打印成册，到店后逐页给客户讲解，遇到不懂的地方就放慢语速再说一遍。`,
    (w) => `考虑到客户行动不便，${w}协调了一辆服务车，把维修工作台直接搬到了楼下，省去客户来回奔波。`,
  ],
  [
    (w) => `处理中发现还有别的隐患，${w}没有应付了事，而是逐项检查，向客户说明原因和注意事项，并留下书面说明。`,
    (w) => `维修完成后，${w}又连续测试了三遍，确认运行稳定，才请客户在单子上签字，整个过程干净利落。`,
    (w) => `${w}发现故障是安装时留下的问题，当即向主管报告，申请免除了客户的费用，客户非常意外。`,
    (w) => `在等待配件的间隙，${w}顺手帮客户整理了杂乱的线路，还贴上了标签，方便以后自行检查。`,
    (w) => `由于问题比较复杂，${w}请来了技术骨干远程会诊，边操作边讲解，让客户也学会了简单的处理方法。`,
    (w) => `${w}注意到客户的账单里有一笔重复收费，主动帮忙申请退回，并把办理进度每天告知客户。`,
    (w) => `为了不影响客户休息，${w}尽量轻手轻脚地操作，把拆下的零件按顺序摆好，装回时一件不差。`,
  ],
  [
    (w, _s, n) => `离开时${w}把现场收拾干净，又把常见问题的自助方法写在卡片上留给客户；第${(n % 7) + 2}天主动回访，确认一切正常。`,
    (w) => `临走前，${w}发现客户家的灭火器已经过期，提醒了更换，还留下了社区服务站的联系电话和营业时间。`,
    (w) => `${w}把客户拉进了服务群，约好每周一次提醒保养，客户说这样就不用自己记了，省心很多。`,
    (w) => `看到客户的孩子在写作业，${w}顺便修好了书桌上的台灯，孩子高兴地说了好几声谢谢叔叔阿姨。`,
    (w) => `天气转凉，${w}特意叮嘱客户注意设备防冻，并把应急处理办法画成了简单的示意图贴在门后。`,
    (w) => `第二天，${w}又把一份使用说明的大字版送到客户手里，方便家里的老人阅读和照着操作。`,
    (w) => `${w}还帮客户登记了延保服务，算清了费用和期限，把利弊讲明白后让客户自己决定是否办理。`,
  ],
  [
    () => `客户事后在回访中说，没想到这样的事情也能被这么认真对待，专门写了感谢信，并推荐了两位朋友成为新客户。`,
    (w) => `一周后，客户带着锦旗来到门店，指名感谢${w}，说这是他这些年遇到过最贴心、最负责的一次服务。`,
    (w) => `客户在网上留言，称赞${w}专业又有耐心，这条评价获得了很多点赞，也被公司公众号转载。`,
    () => `回访时客户打了满分，还说以后家里再有什么需要，第一个就会想到我们，也会介绍给亲戚朋友。`,
    () => `客户的家人也专门打来电话表示感谢，说老人这段时间逢人就夸这次的服务，心情好了不少。`,
    (w) => `月底满意度调查里，这位客户在意见栏写下了长长一段话，感谢${w}的细心和守时。`,
    () => `客户把这次经历分享到了小区的业主群里，不少邻居因此主动来咨询我们的服务项目。`,
  ],
  [
    (w, _s, n) => `这次经历让${w}体会到：服务的价值不只在解决问题，更在让客户安心。团队把做法整理成第${n}号服务要点，在晨会上分享。`,
    (w) => `${w}在总结里写道，多问一句、多看一眼，往往就能发现客户没说出口的需要，这比事后补救重要得多。`,
    (w) => `部门把这个案例作为新员工培训材料，${w}也被邀请给大家讲了讲自己的做法和当时的考虑。`,
    (w) => `${w}说，客户的信任是一点点攒起来的，每一次上门都要当作第一次来做，不能有半点松懈。`,
    () => `这件事之后，班组调整了夜间值班安排，确保类似的求助能在一小时之内有人响应并跟进到底。`,
    () => `主管在周会上点评：这是把标准流程做到位、再往前多走一步的好例子，值得每个班组学习。`,
    (w) => `${w}把这次用到的检查清单整理出来，放进了共享文件夹，方便同事以后遇到类似情况时参考。`,
  ],
  [
    (_w, _s, n) => `按照服务规范，这次上门共计用时约${n + 40}分钟，工单在当天闭环，客户确认后系统自动生成了回访任务，由专人跟进到底。`,
    (w, _s, n) => `事后统计，这类求助在本月已出现${(n % 5) + 2}次，${w}建议在官网常见问题里补充一条图文说明，这个建议已被部门采纳。`,
    (w) => `为了让同事少走弯路，${w}把现场照片和处理前后的对比拍下来，附在工单后面作为参考资料，供大家日后查阅。`,
    (w) => `服务结束后，${w}还在系统里为客户添加了备注，提醒下一位接待的同事注意客户的特殊情况和个人习惯。`,
    () => `这张工单从受理到完成不到一天，比规定时限提前了许多，也没有让客户承担任何额外的费用或者跑腿。`,
    (w) => `${w}把客户反映的产品问题整理成反馈单，转交给了质量部门，希望从源头上减少类似情况的发生。`,
    (w) => `值得一提的是，整个过程中${w}始终佩戴工牌、使用文明用语，严格执行了公司的上门服务礼仪规范。`,
  ],
];

const EN: Line[][] = [
  [
    (w, s, n) => `Faced with ${s}, ${w} took the call, confirmed the address, the contact and the problem, and proposed a plan within ${n} minutes.`,
    (w, s) => `On an afternoon shift ${w} met ${s}, listened to the whole story first, wrote the key facts on the work order and booked a visit.`,
    (w, s) => `Seeing the request about ${s} in the system, ${w} called back at once, calmed the worried customer and asked for the model and purchase date.`,
    (w, s) => `The customer was upset on the phone: it was ${s}. ${w} apologised before explaining anything, then went through what help was needed.`,
    (w, s) => `This case of ${s} came up during a routine follow-up call: the customer mentioned it in passing and ${w} logged it and offered to help.`,
    (w, s) => `At seven in the morning a colleague forwarded a message about ${s}; ${w} skipped breakfast, planned the route and called the customer.`,
    (w, s) => `Many would see ${s} as a nuisance; ${w} treated it as a personal job and sent the customer clear step-by-step instructions.`,
  ],
  [
    (w, _s, n) => `Before leaving, ${w} packed spare parts and tools and split the work with a colleague, one calming the customer, one checking the equipment: about ${n + 20} minutes.`,
    (w) => `Stuck in traffic, ${w} sent the customer a location update every ten minutes, and on arrival put on shoe covers before starting work.`,
    (w) => `${w} brought the repair notes of a similar fault, compared them on site and found the cause quickly, so the customer did not wait.`,
    (w) => `With elderly parents and children at home, ${w} chose to come after the midday rest and phoned ahead about the time and parking.`,
    (w, _s, n) => `A part was missing from the warehouse; ${w} tried two stores to borrow one, spending ${n} extra minutes but fixing it the same day.`,
    (w) => `${w} printed the documents needed and went through them page by page, slowing down whenever something was unclear.`,
    (w) => `As the customer could not walk far, ${w} arranged a service van and set up the workbench downstairs to save the trip.`,
  ],
  [
    (w) => `Finding other hidden problems, ${w} did not cut corners but checked each one, explained causes and precautions, and left a written note.`,
    (w) => `After the repair ${w} tested it three more times and only then asked the customer to sign; the whole job was neat and quick.`,
    (w) => `${w} found the fault came from the original installation, reported it to the supervisor and had the customer's fee waived.`,
    (w) => `While waiting for a part, ${w} tidied the tangled cables and labelled them so the customer could check them later alone.`,
    (w) => `The problem was complex, so ${w} brought in a senior technician by video and explained each step, teaching the customer a simple fix.`,
    (w) => `${w} noticed a double charge on the customer's bill, applied for the refund and reported progress every day until it was paid.`,
    (w) => `To let the family rest, ${w} worked quietly, laid out the removed parts in order and put every one back exactly.`,
  ],
  [
    (w, _s, n) => `Before leaving, ${w} cleaned up and wrote self-help tips on a card; on day ${(n % 7) + 2} a follow-up call confirmed all was well.`,
    (w) => `On the way out ${w} noticed an expired fire extinguisher, suggested replacing it and left the number of the community service desk.`,
    (w) => `${w} added the customer to a service group with a weekly maintenance reminder, which the customer said was a relief.`,
    (w) => `Seeing the child doing homework in the dark, ${w} also fixed the desk lamp, and the child said thank you again and again.`,
    (w) => `As the weather turned cold, ${w} reminded the customer about frost protection and drew a simple emergency diagram for the door.`,
    (w) => `The next day ${w} brought a large-print copy of the manual so the older members of the family could read it easily.`,
    (w) => `${w} also explained the extended warranty, its cost and term, and left the decision to the customer without any pressure.`,
  ],
  [
    () => `On the follow-up call the customer said even this was handled with real care, wrote a thank-you letter and referred two friends.`,
    (w) => `A week later the customer brought a silk banner to the store to thank ${w} by name for the most caring service in years.`,
    (w) => `The customer praised ${w} online as patient and professional; the review drew many likes and was shared by the company account.`,
    () => `The customer gave full marks on the follow-up and said we would be the first call for anything at home, and told relatives too.`,
    () => `The customer's family phoned to say thank you as well: the old man had been telling everyone about the visit for days.`,
    (w) => `In the month-end survey this customer wrote a long comment thanking ${w} for being careful and on time.`,
    () => `The customer shared the story in the neighbourhood chat group, and several neighbours asked about our services.`,
  ],
  [
    (w, _s, n) => `${w} learnt that service is about peace of mind as much as fixing problems; the team made it service tip no. ${n} for the morning meeting.`,
    (w) => `In the write-up ${w} noted that one more question and one more look often reveal a need the customer never said out loud.`,
    (w) => `The department now uses this case to train new staff, and ${w} was asked to explain the approach and the thinking behind it.`,
    (w) => `${w} says trust is earned a little at a time, so every visit should be done as carefully as the very first one.`,
    () => `After this the team changed the night rota so that similar calls get an answer within an hour and are followed through.`,
    () => `The supervisor called it a model of doing the standard process properly and then going one step further.`,
    (w) => `${w} put the checklist used that day in the shared folder so colleagues can follow it in similar situations.`,
  ],
  [
    (_w, _s, n) => `By the service standard the visit took about ${n + 40} minutes, the work order was closed the same day and a follow-up task was created.`,
    (w, _s, n) => `${w} counted ${(n % 5) + 2} similar requests this month and suggested an illustrated FAQ entry on the website, which was adopted.`,
    (w) => `To save colleagues time, ${w} attached before-and-after photos to the work order as reference material.`,
    (w) => `After the visit ${w} added a note in the system so the next colleague would know the customer's special situation.`,
    () => `The work order went from request to completion in under a day, well inside the time limit and at no extra cost.`,
    (w) => `${w} wrote up the product problem the customer reported and passed it to the quality team to prevent it at the source.`,
    (w) => `Throughout the visit ${w} wore the staff badge, spoke courteously and followed the company's home-visit etiquette.`,
  ],
];

/** The text of example case `k` (k < 49 gives texts that share at most two of seven sentences). */
export function caseText(k: number, who: string, scene: string, n: number, lang: Lang, sentences = 7): string {
  const a = k % 7;
  const b = Math.floor(k / 7) % 7;
  const lines = lang === 'zh' ? ZH : EN;
  const out: string[] = [];
  for (let j = 0; j < Math.min(sentences, lines.length); j++) {
    const x = j + 1;
    // Positions 1–6: (a·x + b·x²) mod 7; position 7 (x ≡ 0 mod 7) uses a + 3b + 5 instead.
    const v = x < 7 ? (a * x + b * x * x) % 7 : (a + 3 * b + 5) % 7;
    out.push(lines[j][v](who, scene, n));
  }
  return out.join(lang === 'zh' ? '' : ' ');
}
