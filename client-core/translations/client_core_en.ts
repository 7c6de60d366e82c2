<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>ArchiveExport</name>
    <message>
        <source>无法写入 %1：%2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <source>导出失败：无法编码事件 %1</source>
        <translation>Export failed: incident %1 could not be encoded</translation>
    </message>
    <message>
        <source>已导出 %1 起事件到 %2</source>
        <translation>Exported %1 incidents to %2</translation>
    </message>
    <message>
        <source>已取消，未留下文件</source>
        <translation>Cancelled; no file left behind</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>（未知）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>来源地址</source>
        <translation>From address</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>【善后】</source>
        <translation>[After-action] </translation>
    </message>
    <message>
        <source>（视情）</source>
        <translation> (if needed)</translation>
    </message>
    <message>
        <source>（原类别：%1）</source>
        <translation> (from earlier category: %1)</translation>
    </message>
    <message>
        <source>%1（已超时 %2）</source>
        <translation>%1 (overdue by %2)</translation>
    </message>
    <message>
        <source>%1（剩余 %2）</source>
        <translation>%1 (%2 left)</translation>
    </message>
    <message>
        <source>“%1”完成后 %2 分钟内</source>
        <translation>within %2 min after “%1”</translation>
    </message>
    <message>
        <source> · 原因：%1</source>
        <translation> · reason: %1</translation>
    </message>
    <message>
        <source>必须执行</source>
        <translation>Mandatory</translation>
    </message>
    <message>
        <source>视情执行</source>
        <translation>If needed</translation>
    </message>
    <message>
        <source>依据：%1</source>
        <translation>Source: %1</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>处置步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>联络单位</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>执行情况</source>
        <translation>Done by</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>【上报链】</source>
        <translation>[Chain] </translation>
    </message>
    <message>
        <source>（仅适用于 %1 级）</source>
        <translation> (grade %1 only)</translation>
    </message>
    <message>
        <source>（当前定级不适用）</source>
        <translation> (not applicable at the current grade)</translation>
    </message>
    <message>
        <source>【产品默认】</source>
        <translation> [product default]</translation>
    </message>
    <message>
        <source>
⚠ 未登记号码</source>
        <translation>
⚠ no number registered</translation>
    </message>
    <message>
        <source> · 回执 %1</source>
        <translation> · ref. %1</translation>
    </message>
    <message>
        <source> · 演练·未实际拨打</source>
        <translation> · drill: nobody was called</translation>
    </message>
    <message>
        <source>须联系外部单位：%1（选中后按 L 记录联系）</source>
        <translation>Outside party to contact: %1 (select the step and press L to record the call)</translation>
    </message>
    <message>
        <source>服务器已记录此步骤超时</source>
        <translation>The server recorded this step as overdue</translation>
    </message>
    <message>
        <source>产品默认：预案未规定，按相近预案补充</source>
        <translation>Product default: not in the plan, taken from the nearest plan</translation>
    </message>
</context>
<context>
    <name>DrillReport</name>
    <message>
        <source>演练计划于 %1 开始</source>
        <translation>Drill scheduled to start %1</translation>
    </message>
    <message>
        <source>演练进行中</source>
        <translation>Drill in progress</translation>
    </message>
    <message>
        <source>演练已暂停</source>
        <translation>Drill paused</translation>
    </message>
    <message>
        <source>演练已结束</source>
        <translation>Drill ended</translation>
    </message>
    <message>
        <source>演练已停止</source>
        <translation>Drill stopped</translation>
    </message>
    <message>
        <source>无进行中的演练</source>
        <translation>No drill running</translation>
    </message>
    <message>
        <source>计划中</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>已暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>已停止</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>迟 %1</source>
        <translation>Late by %1</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>待定</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>报警</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>终端失联</source>
        <translation>Kiosk silent</translation>
    </message>
    <message>
        <source>指标变化</source>
        <translation>Metric change</translation>
    </message>
    <message>
        <source>消息</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>注入</source>
        <translation>Inject</translation>
    </message>
    <message>
        <source>未执行（演练已停止）</source>
        <translation>Not run (drill stopped)</translation>
    </message>
    <message>
        <source>已注入</source>
        <translation>injected</translation>
    </message>
    <message>
        <source>预定</source>
        <translation>due</translation>
    </message>
    <message>
        <source>注入 %1 · %2 · %3 · %4</source>
        <translation>Inject %1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>事件 · %1 · %2 · %3</source>
        <translation>Incident · %1 · %2 · %3</translation>
    </message>
    <message>
        <source>演练评估报告</source>
        <translation>Drill assessment report</translation>
    </message>
    <message>
        <source>编号 %1</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <source>演练脚本</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>适用预案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>演练内容</source>
        <translation>Rehearses</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>结束时间</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>组织者</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <source>演练用时</source>
        <translation>Drill time</translation>
    </message>
    <message>
        <source>计划时长</source>
        <translation>Planned duration</translation>
    </message>
    <message>
        <source>参演终端</source>
        <translation>Kiosks taking part</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>停止原因</source>
        <translation>Reason stopped</translation>
    </message>
    <message>
        <source>一、评分</source>
        <translation>1. Score</translation>
    </message>
    <message>
        <source>得分 %1%</source>
        <translation>Score %1%</translation>
    </message>
    <message>
        <source>按时 %1 · 迟 %2 · 未完成 %3 · 超时 %4 · 待定 %5%6</source>
        <translation>On time %1 · late %2 · missed %3 · overdue %4 · pending %5%6</translation>
    </message>
    <message>
        <source>（最终）</source>
        <translation> (final)</translation>
    </message>
    <message>
        <source>（进行中）</source>
        <translation> (in progress)</translation>
    </message>
    <message>
        <source>二、应有响应及完成情况</source>
        <translation>2. Expected responses and how they went</translation>
    </message>
    <message>
        <source>应有响应</source>
        <translation>Expected response</translation>
    </message>
    <message>
        <source>针对注入</source>
        <translation>Inject</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>迟（秒）</source>
        <translation>Late (s)</translation>
    </message>
    <message>
        <source>用时</source>
        <translation>Took</translation>
    </message>
    <message>
        <source>依据条款</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>注入后 %1</source>
        <translation>%1 after the inject</translation>
    </message>
    <message>
        <source>三、演练经过</source>
        <translation>3. Course of the drill</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>最后消息：%1</source>
        <translation>Last message: %1</translation>
    </message>
    <message>
        <source>四、演练总结</source>
        <translation>4. Drill review</translation>
    </message>
    <message>
        <source>做得好的</source>
        <translation>What went well</translation>
    </message>
    <message>
        <source>不足之处</source>
        <translation>What did not</translation>
    </message>
    <message>
        <source>改进措施</source>
        <translation>Improvements</translation>
    </message>
    <message>
        <source>总结人</source>
        <translation>Reviewed by</translation>
    </message>
    <message>
        <source>尚未填写</source>
        <translation>Not written yet</translation>
    </message>
    <message>
        <source>打印时间：%1</source>
        <translation>Printed: %1</translation>
    </message>
</context>
<context>
    <name>DrillResultsModel</name>
    <message>
        <source>注入后 %1</source>
        <translation>%1 after the inject</translation>
    </message>
    <message>
        <source>应有响应</source>
        <translation>Expected response</translation>
    </message>
    <message>
        <source>针对注入</source>
        <translation>Inject</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>用时</source>
        <translation>Took</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Clause</translation>
    </message>
</context>
<context>
    <name>Escalation</name>
    <message>
        <source>计划内（已公告）</source>
        <translation>Planned (announced)</translation>
    </message>
    <message>
        <source>%1 · 已确认</source>
        <translation>%1 · acknowledged</translation>
    </message>
    <message>
        <source>%1 · 待确认</source>
        <translation>%1 · pending</translation>
    </message>
    <message>
        <source>第%1级&#x3000;%2</source>
        <translation>Stage %1  %2</translation>
    </message>
    <message>
        <source>知会：%1</source>
        <translation>Informed: %1</translation>
    </message>
    <message>
        <source>须联系：%1</source>
        <translation>Must call: %1</translation>
    </message>
    <message>
        <source>（产品默认）</source>
        <translation> (product default)</translation>
    </message>
    <message>
        <source>计划内（已公告），不上报</source>
        <translation>Planned (announced): not escalated</translation>
    </message>
    <message>
        <source>已上报 %1</source>
        <translation>Alerted %1</translation>
    </message>
    <message>
        <source>已确认：%1（%2）</source>
        <translation>Acknowledged: %1 (%2)</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>Awaiting acknowledgement</translation>
    </message>
    <message>
        <source>已交回下一级</source>
        <translation>Handed back down</translation>
    </message>
    <message>
        <source>%1 后上报（无人确认时）</source>
        <translation>Alerted in %1 (unless acknowledged)</translation>
    </message>
    <message>
        <source>即将上报</source>
        <translation>About to be alerted</translation>
    </message>
    <message>
        <source>未上报</source>
        <translation>Not alerted</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>（仅知会）</source>
        <translation> (informed only)</translation>
    </message>
    <message>
        <source>⚠ %1：无人（值班表或人员空缺）</source>
        <translation>⚠ %1: nobody (a gap in the roster or the members)</translation>
    </message>
    <message>
        <source>⚠ 无人在线可接收，已立即上报下一级</source>
        <translation>⚠ nobody could receive it: the next stage was alerted at once</translation>
    </message>
    <message>
        <source>⚠ %1：现在无人</source>
        <translation>⚠ %1: nobody now</translation>
    </message>
    <message>
        <source>现在将通知：%1</source>
        <translation>Would alert now: %1</translation>
    </message>
    <message>
        <source>最后一级</source>
        <translation>Last stage</translation>
    </message>
    <message>
        <source>%1分钟内未确认则上报下一级</source>
        <translation>Next stage if not acknowledged within %1 min</translation>
    </message>
    <message>
        <source>%1秒内未确认则上报下一级</source>
        <translation>Next stage if not acknowledged within %1 s</translation>
    </message>
    <message>
        <source>上报层级</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>通知人员</source>
        <translation>People alerted</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Time-out</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>上报链：计划内（已公告），不上报</source>
        <translation>Chain: planned (announced), not escalated</translation>
    </message>
    <message>
        <source>上报链：本预案未设上报链</source>
        <translation>Chain: the plan sets no chain here</translation>
    </message>
    <message>
        <source>上报链：即将启动</source>
        <translation>Chain: starting</translation>
    </message>
    <message>
        <source>上报链：未启动</source>
        <translation>Chain: not started</translation>
    </message>
    <message>
        <source>上报链：第%1级/共%2级 %3</source>
        <translation>Chain: stage %1 of %2, %3</translation>
    </message>
    <message>
        <source> · 已停止（%1）</source>
        <translation> · stopped (%1)</translation>
    </message>
    <message>
        <source> · 已由 %1 确认</source>
        <translation> · acknowledged by %1</translation>
    </message>
    <message>
        <source> · 待确认</source>
        <translation> · awaiting acknowledgement</translation>
    </message>
    <message>
        <source> · %1 后上报%2</source>
        <translation> · %2 alerted in %1</translation>
    </message>
    <message>
        <source> · %1 后上报下一级</source>
        <translation> · next stage alerted in %1</translation>
    </message>
    <message>
        <source>【演练】</source>
        <translation>[Drill] </translation>
    </message>
    <message>
        <source>已知悉</source>
        <translation>Seen</translation>
    </message>
    <message>
        <source>仅知会</source>
        <translation>Informed only</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>步骤已办结</source>
        <translation>Step handled</translation>
    </message>
    <message>
        <source>步骤超时：%1</source>
        <translation>Step overdue: %1</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>第%1级 %2</source>
        <translation>Stage %1 %2</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>When</translation>
    </message>
    <message>
        <source>确认情况</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source> 等 %1 人（%2 人在线）</source>
        <translation> and others: %1 people (%2 online)</translation>
    </message>
    <message>
        <source>上报链：上报前已确认，无需上报</source>
        <translation>Chain: acknowledged before it started: nothing to escalate</translation>
    </message>
</context>
<context>
    <name>HallClient</name>
    <message>
        <source>无法连接服务器（%1）</source>
        <translation>Cannot reach the server (%1)</translation>
    </message>
    <message>
        <source>服务器响应超时</source>
        <translation>The server did not answer in time</translation>
    </message>
    <message>
        <source>操作已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>该事件刚被他人修改，请查看后重试（%1）</source>
        <translation>Someone else just changed this incident; look again and retry (%1)</translation>
    </message>
    <message>
        <source>服务器错误（代码 %1）</source>
        <translation>Server error (code %1)</translation>
    </message>
</context>
<context>
    <name>HallSetup</name>
    <message>
        <source>值班表空缺：%1 至 %2 无人值班</source>
        <translation>Roster gap: nobody on duty from %1 to %2</translation>
    </message>
    <message>
        <source>%1：无人可通知（未设人员），上报将越过此级</source>
        <translation>%1: nobody to alert (no members); escalation will pass it by</translation>
    </message>
    <message>
        <source>职位空缺：%1</source>
        <translation>Position unfilled: %1</translation>
    </message>
    <message>
        <source>%1：未登记联系电话</source>
        <translation>%1: no phone number registered</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>现在通知（●在线 ○离线）</source>
        <translation>Alerts now (● online ○ offline)</translation>
    </message>
    <message>
        <source>⚠ 无人</source>
        <translation>⚠ nobody</translation>
    </message>
    <message>
        <source>职位</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <source>仅知会</source>
        <translation>Informed only</translation>
    </message>
    <message>
        <source>（不对应职位）</source>
        <translation>(no position)</translation>
    </message>
    <message>
        <source>⚠ 空缺</source>
        <translation>⚠ unfilled</translation>
    </message>
    <message>
        <source>按值班表</source>
        <translation>by the roster</translation>
    </message>
    <message>
        <source>值班人员</source>
        <translation>Duty officer</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>From</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>To</translation>
    </message>
    <message>
        <source>外部单位</source>
        <translation>Outside party</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>⚠ 未登记</source>
        <translation>⚠ not registered</translation>
    </message>
    <message>
        <source>地址（Webhook）</source>
        <translation>Address (webhook)</translation>
    </message>
    <message>
        <source>转发层级</source>
        <translation>Tiers carried</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>公告内容</source>
        <translation>Announcement</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <source>全大厅</source>
        <translation>Whole hall</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>已公告</source>
        <translation>Announced</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>IncidentBoardModel</name>
    <message>
        <source>（静默）</source>
        <translation> (silent)</translation>
    </message>
    <message>
        <source> · 超时%1</source>
        <translation> · %1 overdue</translation>
    </message>
    <message>
        <source>演练</source>
        <translation>Drill</translation>
    </message>
    <message>
        <source>处置清单：已完成或跳过 %1 项，共 %2 项；%3 项已超时</source>
        <translation>Checklist: %1 of %2 steps done or skipped; %3 overdue</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已过时间</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>处置进度</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>报告人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>处置人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source> ×终端失联：%1</source>
        <translation> × kiosk silent: %1</translation>
    </message>
    <message>
        <source>终端监测（服务器）</source>
        <translation>Kiosk monitor (server)</translation>
    </message>
    <message>
        <source>上报链</source>
        <translation>Chain</translation>
    </message>
    <message>
        <source>同一报告人按下 %1 次，已合并为一条；最近一次 %2</source>
        <translation>Pressed %1 times by the same reporter, kept as one report; last press %2</translation>
    </message>
</context>
<context>
    <name>KioskStatusModel</name>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>失联（已自动报事件）</source>
        <translation>Offline (incident raised)</translation>
    </message>
    <message>
        <source>失联</source>
        <translation>Silent</translation>
    </message>
    <message>
        <source>%1 条待发送</source>
        <translation>%1 waiting to send</translation>
    </message>
    <message>
        <source>从未连接</source>
        <translation>Never connected</translation>
    </message>
    <message>
        <source>%1（%2前）</source>
        <translation>%1 (%2 ago)</translation>
    </message>
    <message>
        <source>服务器已为该终端失联自动报事件：%1</source>
        <translation>The server raised an incident for this silent kiosk: %1</translation>
    </message>
    <message>
        <source>终端</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>待发报警</source>
        <translation>Queued presses</translation>
    </message>
    <message>
        <source>最后心跳</source>
        <translation>Last heartbeat</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>%1（已自动报事件）</source>
        <translation>%1 (incident raised)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>起草通报</source>
        <translation>Statement drafted</translation>
    </message>
    <message>
        <source>批准通报</source>
        <translation>Statement approved</translation>
    </message>
    <message>
        <source>退回通报</source>
        <translation>Statement refused</translation>
    </message>
    <message>
        <source>事后总结</source>
        <translation>After-action summary</translation>
    </message>
    <message>
        <source>总结报送</source>
        <translation>Summary filed</translation>
    </message>
    <message>
        <source>改进事项</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>一键报警</source>
        <translation>Panic alarm</translation>
    </message>
    <message>
        <source>火情</source>
        <translation>Fire</translation>
    </message>
    <message>
        <source>冲突/纠纷</source>
        <translation>Conflict / dispute</translation>
    </message>
    <message>
        <source>突发疾病/受伤</source>
        <translation>Illness / injury</translation>
    </message>
    <message>
        <source>设备故障</source>
        <translation>Equipment fault</translation>
    </message>
    <message>
        <source>大厅拥堵</source>
        <translation>Hall crowding</translation>
    </message>
    <message>
        <source>可疑物品</source>
        <translation>Suspicious object</translation>
    </message>
    <message>
        <source>停电</source>
        <translation>Power outage</translation>
    </message>
    <message>
        <source>停水</source>
        <translation>Water outage</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>爆炸</source>
        <translation>Explosion</translation>
    </message>
    <message>
        <source>毒气/燃气泄漏</source>
        <translation>Toxic or gas leak</translation>
    </message>
    <message>
        <source>行凶伤人</source>
        <translation>Violent attack</translation>
    </message>
    <message>
        <source>治安事件</source>
        <translation>Public-security incident</translation>
    </message>
    <message>
        <source>极端行为</source>
        <translation>Extreme behaviour</translation>
    </message>
    <message>
        <source>踩踏</source>
        <translation>Stampede</translation>
    </message>
    <message>
        <source>触电</source>
        <translation>Electric shock</translation>
    </message>
    <message>
        <source>集体上访</source>
        <translation>Group petition</translation>
    </message>
    <message>
        <source>服务投诉</source>
        <translation>Service complaint</translation>
    </message>
    <message>
        <source>非法揽客</source>
        <translation>Illegal touting</translation>
    </message>
    <message>
        <source>宠物进入大厅</source>
        <translation>Pet in the hall</translation>
    </message>
    <message>
        <source>乞讨/强卖</source>
        <translation>Begging / forced selling</translation>
    </message>
    <message>
        <source>门前交通堵塞</source>
        <translation>Traffic blockage at entrance</translation>
    </message>
    <message>
        <source>负面舆情</source>
        <translation>Adverse publicity</translation>
    </message>
    <message>
        <source>传染病疫情</source>
        <translation>Infectious disease</translation>
    </message>
    <message>
        <source>食物中毒</source>
        <translation>Food poisoning</translation>
    </message>
    <message>
        <source>排队叫号系统故障</source>
        <translation>Queue system failure</translation>
    </message>
    <message>
        <source>电梯故障/困人</source>
        <translation>Elevator fault / entrapment</translation>
    </message>
    <message>
        <source>漏水/渗水</source>
        <translation>Water leak</translation>
    </message>
    <message>
        <source>下水道堵塞</source>
        <translation>Drain blockage</translation>
    </message>
    <message>
        <source>空调故障</source>
        <translation>Air-conditioning fault</translation>
    </message>
    <message>
        <source>玻璃破碎</source>
        <translation>Broken glass</translation>
    </message>
    <message>
        <source>网络中断</source>
        <translation>Network outage</translation>
    </message>
    <message>
        <source>信息系统故障</source>
        <translation>Information system fault</translation>
    </message>
    <message>
        <source>网络攻击</source>
        <translation>Cyber attack</translation>
    </message>
    <message>
        <source>恶劣天气</source>
        <translation>Severe weather</translation>
    </message>
    <message>
        <source>地震</source>
        <translation>Earthquake</translation>
    </message>
    <message>
        <source>洪水/水灾</source>
        <translation>Flood</translation>
    </message>
    <message>
        <source>停电/停水</source>
        <translation>Power / water outage</translation>
    </message>
    <message>
        <source>模拟时钟 ×%1 — 演示/演练加速，所有时限按此倍速到期</source>
        <translation>Simulated clock ×%1 — demonstration / drill speed-up: every deadline falls due this much sooner</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>Awaiting acknowledgement</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>已处置</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>较大</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>重大</source>
        <translation>High</translation>
    </message>
    <message>
        <source>特别重大</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>未定级</source>
        <translation>Unrated</translation>
    </message>
    <message>
        <source>误报</source>
        <translation>False alarm</translation>
    </message>
    <message>
        <source>转办</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>无需处置</source>
        <translation>No action needed</translation>
    </message>
    <message>
        <source>报告</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>指派</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>处置完毕</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>完成步骤</source>
        <translation>Step done</translation>
    </message>
    <message>
        <source>跳过步骤</source>
        <translation>Step skipped</translation>
    </message>
    <message>
        <source>改类别</source>
        <translation>Re-triaged</translation>
    </message>
    <message>
        <source>更新指标</source>
        <translation>Metric updated</translation>
    </message>
    <message>
        <source>大厅引导员</source>
        <translation>Floor guide</translation>
    </message>
    <message>
        <source>窗口人员</source>
        <translation>Window staff</translation>
    </message>
    <message>
        <source>保安</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>值班人员</source>
        <translation>Duty officer</translation>
    </message>
    <message>
        <source>大厅负责人</source>
        <translation>Hall head</translation>
    </message>
    <message>
        <source>应急工作领导小组</source>
        <translation>Leadership group</translation>
    </message>
    <message>
        <source>数据管理局</source>
        <translation>Data bureau</translation>
    </message>
    <message>
        <source>演练组织者</source>
        <translation>Drill coordinator</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>报警终端</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>第一知情人</source>
        <translation>First informed</translation>
    </message>
    <message>
        <source>第一处置人</source>
        <translation>First responder</translation>
    </message>
    <message>
        <source>物业</source>
        <translation>Property management</translation>
    </message>
    <message>
        <source>应急办</source>
        <translation>Emergency office</translation>
    </message>
    <message>
        <source>包保负责人</source>
        <translation>Zone leader</translation>
    </message>
    <message>
        <source>技术人员</source>
        <translation>IT support staff</translation>
    </message>
    <message>
        <source>全体人员</source>
        <translation>All staff</translation>
    </message>
    <message>
        <source>公安/110</source>
        <translation>Police / 110</translation>
    </message>
    <message>
        <source>警务室</source>
        <translation>Police post</translation>
    </message>
    <message>
        <source>消防/119</source>
        <translation>Fire service / 119</translation>
    </message>
    <message>
        <source>急救/120</source>
        <translation>Ambulance / 120</translation>
    </message>
    <message>
        <source>属地党委政府</source>
        <translation>Local government</translation>
    </message>
    <message>
        <source>应急管理部门</source>
        <translation>Emergency management</translation>
    </message>
    <message>
        <source>供电部门</source>
        <translation>Power utility</translation>
    </message>
    <message>
        <source>供水部门</source>
        <translation>Water utility</translation>
    </message>
    <message>
        <source>技术部门</source>
        <translation>IT support</translation>
    </message>
    <message>
        <source>信访部门</source>
        <translation>Petitions office</translation>
    </message>
    <message>
        <source>疾控中心</source>
        <translation>Disease control</translation>
    </message>
    <message>
        <source>网信办</source>
        <translation>Cyberspace office</translation>
    </message>
    <message>
        <source>救助站</source>
        <translation>Relief station</translation>
    </message>
    <message>
        <source>电梯维保</source>
        <translation>Elevator maintenance</translation>
    </message>
    <message>
        <source>媒体</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>待办</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>已跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>中断时长（分钟）</source>
        <translation>Outage (minutes)</translation>
    </message>
    <message>
        <source>上访人数</source>
        <translation>Petitioners</translation>
    </message>
    <message>
        <source>受伤人数</source>
        <translation>Injured</translation>
    </message>
    <message>
        <source>%1秒</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1分%2秒</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1天</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>上报</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>交回下一级</source>
        <translation>Handed back down</translation>
    </message>
    <message>
        <source>确认上报</source>
        <translation>Alert acknowledged</translation>
    </message>
    <message>
        <source>步骤超时</source>
        <translation>Step overdue</translation>
    </message>
    <message>
        <source>定级</source>
        <translation>Regraded</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>联系外部单位</source>
        <translation>Outside party contacted</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>Notification</translation>
    </message>
    <message>
        <source>计划内</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>机关事务服务中心</source>
        <translation>Offices service centre</translation>
    </message>
    <message>
        <source>领导小组</source>
        <translation>Leadership group</translation>
    </message>
    <message>
        <source>事件上报，上报链启动</source>
        <translation>reported: the chain started</translation>
    </message>
    <message>
        <source>上一级超时未确认</source>
        <translation>the previous stage did not acknowledge in time</translation>
    </message>
    <message>
        <source>重大事件，立即上报</source>
        <translation>grave: alerted at once</translation>
    </message>
    <message>
        <source>人工升级</source>
        <translation>escalated by hand</translation>
    </message>
    <message>
        <source>上一级无人可接收，立即上报</source>
        <translation>nobody could receive the previous stage: alerted at once</translation>
    </message>
    <message>
        <source>定级升高</source>
        <translation>the grade rose</translation>
    </message>
    <message>
        <source>确认后长时间未处置完毕</source>
        <translation>acknowledged but unresolved too long</translation>
    </message>
    <message>
        <source>通知发送失败</source>
        <translation>a notification failed</translation>
    </message>
    <message>
        <source>上一级交回</source>
        <translation>handed back down</translation>
    </message>
    <message>
        <source>未处置完毕提醒</source>
        <translation>reminder: still unresolved</translation>
    </message>
    <message>
        <source>处置步骤超时</source>
        <translation>a step is overdue</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>当面</source>
        <translation>in person</translation>
    </message>
    <message>
        <source>短信</source>
        <translation>message</translation>
    </message>
    <message>
        <source>对讲</source>
        <translation>radio</translation>
    </message>
    <message>
        <source>已上报第一处置人</source>
        <translation>Reported to the first responder</translation>
    </message>
    <message>
        <source>已上报值班人员</source>
        <translation>Reported to the duty officer</translation>
    </message>
    <message>
        <source>已上报大厅负责人</source>
        <translation>Reported to the hall head</translation>
    </message>
    <message>
        <source>已上报领导小组</source>
        <translation>Reported to the leadership group</translation>
    </message>
    <message>
        <source>已上报应急办</source>
        <translation>Reported to the emergency office</translation>
    </message>
    <message>
        <source>已上报包保负责人</source>
        <translation>Reported to the zone leader</translation>
    </message>
    <message>
        <source>已上报保安</source>
        <translation>Reported to security</translation>
    </message>
    <message>
        <source>已上报%1</source>
        <translation>Reported to: %1</translation>
    </message>
    <message>
        <source>再次按下</source>
        <translation>Pressed again</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>Sign-in failed</translation>
    </message>
    <message>
        <source>登录被锁定</source>
        <translation>Sign-in locked</translation>
    </message>
    <message>
        <source>解除锁定</source>
        <translation>Unlocked</translation>
    </message>
    <message>
        <source>越权被拒</source>
        <translation>Permission denied</translation>
    </message>
    <message>
        <source>生成终端登记码</source>
        <translation>Enrollment code issued</translation>
    </message>
    <message>
        <source>终端登记</source>
        <translation>Kiosk enrolled</translation>
    </message>
    <message>
        <source>吊销终端</source>
        <translation>Kiosk revoked</translation>
    </message>
    <message>
        <source>人员变更</source>
        <translation>Person changed</translation>
    </message>
    <message>
        <source>终端变更</source>
        <translation>Kiosk changed</translation>
    </message>
    <message>
        <source>大厅变更</source>
        <translation>Hall changed</translation>
    </message>
    <message>
        <source>位置变更</source>
        <translation>Place changed</translation>
    </message>
    <message>
        <source>区划变更</source>
        <translation>Region changed</translation>
    </message>
    <message>
        <source>平面图变更</source>
        <translation>Floor plan changed</translation>
    </message>
    <message>
        <source>演练开始</source>
        <translation>Drill started</translation>
    </message>
    <message>
        <source>演练暂停</source>
        <translation>Drill paused</translation>
    </message>
    <message>
        <source>演练继续</source>
        <translation>Drill resumed</translation>
    </message>
    <message>
        <source>演练停止</source>
        <translation>Drill stopped</translation>
    </message>
    <message>
        <source>演练评估</source>
        <translation>Drill reviewed</translation>
    </message>
    <message>
        <source>预案重新加载</source>
        <translation>Playbooks reloaded</translation>
    </message>
    <message>
        <source>预案加载被拒</source>
        <translation>Playbooks refused</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <source>办事秩序类</source>
        <translation>Service order</translation>
    </message>
    <message>
        <source>公共安全事件</source>
        <translation>Public safety</translation>
    </message>
    <message>
        <source>恶劣天气及自然灾害</source>
        <translation>Severe weather and natural disasters</translation>
    </message>
    <message>
        <source>公共卫生事件</source>
        <translation>Public health</translation>
    </message>
    <message>
        <source>网络信息安全</source>
        <translation>Network and information security</translation>
    </message>
    <message>
        <source>设施设备故障</source>
        <translation>Facility and equipment faults</translation>
    </message>
    <message>
        <source>未分类</source>
        <translation>Unclassified</translation>
    </message>
</context>
<context>
    <name>PeriodReport</name>
    <message>
        <source>确认超时</source>
        <translation>Acknowledged late</translation>
    </message>
    <message>
        <source>超时未确认</source>
        <translation>Not acknowledged in time</translation>
    </message>
    <message>
        <source>步骤逾期完成</source>
        <translation>Step done late</translation>
    </message>
    <message>
        <source>步骤逾期未完成</source>
        <translation>Step overdue, not done</translation>
    </message>
    <message>
        <source>%1 至 %2 周报</source>
        <translation>Weekly report %1 to %2</translation>
    </message>
    <message>
        <source>%1年%2月 月报</source>
        <translation>Monthly report %1-%2</translation>
    </message>
    <message>
        <source>%1年第%2季度 季报</source>
        <translation>Quarterly report %1 Q%2</translation>
    </message>
    <message>
        <source>%1秒</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1小时</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1小时%2分钟</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1分</source>
        <translation>%1m</translation>
    </message>
    <message>
        <source>%1时</source>
        <translation>%1h</translation>
    </message>
    <message>
        <source>政务服务大厅突发事件统计报告</source>
        <translation>Government Service Hall Incident Statistics Report</translation>
    </message>
    <message>
        <source>一、总体情况</source>
        <translation>1. Overview</translation>
    </message>
    <message>
        <source>事件总数</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>仍未处置</source>
        <translation>Still open</translation>
    </message>
    <message>
        <source>按时确认</source>
        <translation>Acknowledged on time</translation>
    </message>
    <message>
        <source>确认用时中位数</source>
        <translation>Median time to acknowledge</translation>
    </message>
    <message>
        <source>必做步骤按时完成</source>
        <translation>Mandatory steps on time</translation>
    </message>
    <message>
        <source>未计入的演练</source>
        <translation>Drills left out</translation>
    </message>
    <message>
        <source>二、图表</source>
        <translation>2. Charts</translation>
    </message>
    <message>
        <source>三、各大厅事件</source>
        <translation>3. Incidents per hall</translation>
    </message>
    <message>
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <source>事件数</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>有超时</source>
        <translation>With a breach</translation>
    </message>
    <message>
        <source>四、事件类别</source>
        <translation>4. Event classes</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>五、超出时限的事件</source>
        <translation>5. Deadlines breached</translation>
    </message>
    <message>
        <source>本期无超时。</source>
        <translation>No deadline was breached in this period.</translation>
    </message>
    <message>
        <source>报告时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>超时情形</source>
        <translation>Breach</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>依据条款</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>超出</source>
        <translation>Late by</translation>
    </message>
    <message>
        <source>（演练）</source>
        <translation> (drill)</translation>
    </message>
    <message>
        <source>（仅列出前500条，完整清单见CSV导出）</source>
        <translation>(The first 500 only; the CSV export has them all.)</translation>
    </message>
    <message>
        <source>六、未完成的整改事项</source>
        <translation>6. Open follow-ups</translation>
    </message>
    <message>
        <source>无。</source>
        <translation>None.</translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>统计时间：%1</source>
        <translation>Computed at %1</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>未分级</source>
        <translation>ungraded</translation>
    </message>
    <message>
        <source>%1：%2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <source>，回执 %1</source>
        <translation>, ref. %1</translation>
    </message>
    <message>
        <source>（演练·未实际拨打）</source>
        <translation> (drill: nobody was called)</translation>
    </message>
    <message>
        <source>%1 已送达（第%2级，尝试 %3 次）</source>
        <translation>%1 delivered (stage %2, %3 attempts)</translation>
    </message>
    <message>
        <source>%1 发送失败（第%2级，尝试 %3 次）：%4</source>
        <translation>%1 failed (stage %2, %3 attempts): %4</translation>
    </message>
    <message>
        <source>计划内（已公告），记录在案，不上报</source>
        <translation>planned (announced): recorded, not escalated</translation>
    </message>
    <message>
        <source>依据 %1</source>
        <translation>source %1</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>（知会）</source>
        <translation> (informed)</translation>
    </message>
    <message>
        <source>第%1级 %2</source>
        <translation>stage %1 %2</translation>
    </message>
    <message>
        <source>，通知：%1</source>
        <translation>, alerted: %1</translation>
    </message>
    <message>
        <source>，原因：%1</source>
        <translation>, why: %1</translation>
    </message>
    <message>
        <source>；⚠ %1 无人</source>
        <translation>; ⚠ %1: nobody</translation>
    </message>
    <message>
        <source>；⚠ 无人可接收</source>
        <translation>; ⚠ nobody could receive it</translation>
    </message>
    <message>
        <source>；须联系：%1</source>
        <translation>; must call: %1</translation>
    </message>
    <message>
        <source>终端已恢复在线，自动处置</source>
        <translation>the kiosk is back online, resolved automatically</translation>
    </message>
    <message>
        <source>第 %1 次按下，已并入本事件</source>
        <translation>press %1, added to this report</translation>
    </message>
</context>
<context>
    <name>hall::client::HallClient</name>
    <message>
        <source>无法读取CA证书 %1：%2</source>
        <translation>Cannot read the CA certificate %1: %2</translation>
    </message>
    <message>
        <source>已连接</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>正在重连…</source>
        <translation>Reconnecting…</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>hall::client::LeadershipModel</name>
    <message>
        <source>已上报给我，待确认</source>
        <translation>To me, unacknowledged</translation>
    </message>
    <message>
        <source>已上报领导小组，待确认</source>
        <translation>To leaders, unacknowledged</translation>
    </message>
    <message>
        <source>已分级</source>
        <translation>Graded</translation>
    </message>
    <message>
        <source>必做步骤超时</source>
        <translation>Mandatory steps overdue</translation>
    </message>
    <message>
        <source>处置中</source>
        <translation>In hand</translation>
    </message>
    <message>
        <source>【演练】</source>
        <translation>[DRILL] </translation>
    </message>
    <message>
        <source>需要领导</source>
        <translation>Needs</translation>
    </message>
    <message>
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已持续</source>
        <translation>Open for</translation>
    </message>
</context>
</TS>
