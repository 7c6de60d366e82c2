<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>PlaybookHtml</name>
    <message>
        <source>序号</source>
        <translation>#</translation>
    </message>
    <message>
        <source>处置步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>联络单位</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>必须</source>
        <translation>Mandatory</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>视情</source>
        <translation>If needed</translation>
    </message>
    <message>
        <source>人工判定</source>
        <translation>Judged by staff</translation>
    </message>
    <message>
        <source>本预案未规定逐级上报。</source>
        <translation>The plan sets no escalation chain.</translation>
    </message>
    <message>
        <source>%1 分钟内未确认则上报下一级</source>
        <translation>escalate to the next tier if not acknowledged within %1 min</translation>
    </message>
    <message>
        <source>%1 秒内未确认则上报下一级</source>
        <translation>escalate to the next tier if not acknowledged within %1 s</translation>
    </message>
    <message>
        <source>最后一级</source>
        <translation>last tier</translation>
    </message>
    <message>
        <source>级别达到“%1”及以上时直接上报：%2</source>
        <translation>At severity “%1” or graver, report straight to: %2</translation>
    </message>
    <message>
        <source>依据：%1</source>
        <translation>Source: %1</translation>
    </message>
    <message>
        <source>须书面总结</source>
        <translation>A written summary is required</translation>
    </message>
    <message>
        <source>总结报送：%1</source>
        <translation>summary goes to: %1</translation>
    </message>
    <message>
        <source>对外发布信息须经批准</source>
        <translation>public statements need approval</translation>
    </message>
    <message>
        <source>本预案未规定善后要求。</source>
        <translation>The plan sets no after-action requirements.</translation>
    </message>
    <message>
        <source>%1 分钟内</source>
        <translation>within %1 min</translation>
    </message>
    <message>
        <source>“%1”完成后 %2 分钟内</source>
        <translation>within %2 min after “%1”</translation>
    </message>
    <message>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <source>发布机关</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>发布日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>预案集版本</source>
        <translation>Playbook set version</translation>
    </message>
    <message>
        <source>单列处置措施的事件</source>
        <translation>Categories with their own playbook</translation>
    </message>
    <message>
        <source>无（本预案只规定应急准备）</source>
        <translation>None (this plan sets out readiness only)</translation>
    </message>
    <message>
        <source>默认逐级上报</source>
        <translation>Default escalation</translation>
    </message>
    <message>
        <source>默认善后</source>
        <translation>Default after-action</translation>
    </message>
    <message>
        <source>应急准备清单</source>
        <translation>Readiness checklists</translation>
    </message>
    <message>
        <source>本预案未列应急准备清单。</source>
        <translation>The plan lists no readiness checklists.</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>预案：%1</source>
        <translation>Plan: %1</translation>
    </message>
    <message>
        <source>事件类别：%1</source>
        <translation>Category: %1</translation>
    </message>
    <message>
        <source>默认级别：%1</source>
        <translation>Default severity: %1</translation>
    </message>
    <message>
        <source>本预案未单列此类事件，适用一键报警通用处置。</source>
        <translation>The plan has no playbook of its own for this category; the general panic-alarm playbook applies.</translation>
    </message>
    <message>
        <source>分级</source>
        <translation>Grading</translation>
    </message>
    <message>
        <source>本预案未对此类事件分级。</source>
        <translation>The plan does not grade this category.</translation>
    </message>
    <message>
        <source>条件</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>逐级上报</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <source>善后</source>
        <translation>After-action</translation>
    </message>
    <message>
        <source>（仅适用于 %1 级）</source>
        <translation> (grade %1 only)</translation>
    </message>
    <message>
        <source>【产品默认】</source>
        <translation>[product default]</translation>
    </message>
    <message>
        <source>知会：%1</source>
        <translation>informed: %1</translation>
    </message>
    <message>
        <source>须联系（记录拨打）：%1</source>
        <translation>must call (and record): %1</translation>
    </message>
    <message>
        <source>产品默认</source>
        <translation>product default</translation>
    </message>
    <message>
        <source>确认后 %1 分钟仍未处置完毕则提醒</source>
        <translation>reminder %1 min after acknowledgement while unresolved</translation>
    </message>
    <message>
        <source>%1 分钟仍未处置完毕则上报下一级</source>
        <translation>next stage %1 min after acknowledgement while unresolved</translation>
    </message>
    <message>
        <source>（产品默认）</source>
        <translation> (product default)</translation>
    </message>
    <message>
        <source>产品默认：本预案未规定此类事件的处置，按相近预案补充（见依据）。</source>
        <translation>Product default: the plan has no measures for this kind of event; they are taken from the nearest plan (see the sources).</translation>
    </message>
</context>
<context>
    <name>hall::desk::AdminPage</name>
    <message>
        <source>无法生成二维码：%1</source>
        <translation>Cannot make the QR code: %1</translation>
    </message>
    <message>
        <source>登记码已过期，请重新生成</source>
        <translation>The code has expired; issue a new one</translation>
    </message>
    <message>
        <source>终端 %1 · 有效至 %2（还剩 %3）</source>
        <translation>Kiosk %1 · valid until %2 (%3 left)</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>显示 %1 条（还有更早的记录）</source>
        <translation>Showing %1 (older entries exist)</translation>
    </message>
    <message>
        <source>显示 %1 条（已到时间范围的开头）</source>
        <translation>Showing %1 (back to the start of the period)</translation>
    </message>
    <message>
        <source>终端登记</source>
        <translation>Kiosk enrollment</translation>
    </message>
    <message>
        <source>解除登录锁定</source>
        <translation>Unlock sign-in</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>为新终端生成一次性登记码</source>
        <translation>Issue a one-time enrollment code for a new kiosk</translation>
    </message>
    <message>
        <source>大厅：</source>
        <translation>Hall:</translation>
    </message>
    <message>
        <source>位置：</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>终端编号：</source>
        <translation>Kiosk id:</translation>
    </message>
    <message>
        <source>如 kiosk-jiaxiang-2</source>
        <translation>e.g. kiosk-jiaxiang-2</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>如 二楼不动产区终端</source>
        <translation>e.g. 2nd floor, real estate zone</translation>
    </message>
    <message>
        <source>生成登记码</source>
        <translation>Issue code</translation>
    </message>
    <message>
        <source>在新终端首次启动时输入此登记码，或用扫码枪扫描左侧二维码。登记码只能使用一次，过期后请重新生成；登记后终端即绑定到所选位置。</source>
        <translation>Enter this code on the new kiosk when it first starts, or scan the QR code on the left. A code works once; issue a new one when it expires. Once enrolled, the kiosk is bound to the chosen place.</translation>
    </message>
    <message>
        <source>吊销终端（立即断开它在所有服务器上的登录与连接）</source>
        <translation>Revoke a kiosk (ends its sessions and connections on every server at once)</translation>
    </message>
    <message>
        <source>吊销原因（必填，如 设备丢失）</source>
        <translation>Reason (required, e.g. device lost)</translation>
    </message>
    <message>
        <source>吊销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>多次登录失败后，账户、终端或来源地址会被暂时锁定，时间逐次加长。确认是本人后，可在此提前解除锁定；每次解除都记入审计日志。</source>
        <translation>After repeated failed sign-ins an account, a kiosk or a source address is locked for a while, longer each time. Once you know it is really them, lift the lock here; every unlock is written to the audit log.</translation>
    </message>
    <message>
        <source>账户（用户名）</source>
        <translation>Account (user name)</translation>
    </message>
    <message>
        <source>终端编号</source>
        <translation>Kiosk id</translation>
    </message>
    <message>
        <source>来源地址</source>
        <translation>Source address</translation>
    </message>
    <message>
        <source>如 duty.jiaxiang、kiosk-jiaxiang-1 或 10.0.0.8</source>
        <translation>e.g. duty.jiaxiang, kiosk-jiaxiang-1 or 10.0.0.8</translation>
    </message>
    <message>
        <source>解除锁定</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>操作：</source>
        <translation>Action:</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>从</source>
        <translation>from</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>对象（用户名、终端编号…，可空）</source>
        <translation>Target (user name, kiosk id …; optional)</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>更早的记录</source>
        <translation>Older entries</translation>
    </message>
</context>
<context>
    <name>hall::desk::AdminSession</name>
    <message>
        <source>无法读取位置：%1</source>
        <translation>Cannot read the places: %1</translation>
    </message>
    <message>
        <source>请选择大厅</source>
        <translation>Choose a hall</translation>
    </message>
    <message>
        <source>请选择终端所在位置</source>
        <translation>Choose the place where the kiosk stands</translation>
    </message>
    <message>
        <source>终端编号只能用小写字母、数字和连字符，以字母或数字开头，最多 64 个字符（如 kiosk-hall-3）</source>
        <translation>A kiosk id is lower-case letters, digits and hyphens, starting with a letter or digit, at most 64 characters (e.g. kiosk-hall-3)</translation>
    </message>
    <message>
        <source>请填写终端名称（如 一楼入口终端）</source>
        <translation>Enter the kiosk&apos;s name (e.g. Ground floor entrance)</translation>
    </message>
    <message>
        <source>终端名称过长：最多 %1 个字</source>
        <translation>The kiosk&apos;s name is too long: at most %1 characters</translation>
    </message>
    <message>
        <source>生成登记码失败：%1</source>
        <translation>Could not issue the code: %1</translation>
    </message>
    <message>
        <source>已为终端 %1 生成登记码</source>
        <translation>Enrollment code issued for kiosk %1</translation>
    </message>
    <message>
        <source>请选择要吊销的终端</source>
        <translation>Choose the kiosk to revoke</translation>
    </message>
    <message>
        <source>吊销终端须填写原因</source>
        <translation>Revoking a kiosk needs a reason</translation>
    </message>
    <message>
        <source>吊销失败：%1</source>
        <translation>Could not revoke: %1</translation>
    </message>
    <message>
        <source>已吊销终端 %1：它的登录与连接已全部终止</source>
        <translation>Kiosk %1 revoked: its sessions and connections have ended</translation>
    </message>
    <message>
        <source>请填写要解除锁定的账户、终端编号或来源地址</source>
        <translation>Enter the account, kiosk id or source address to unlock</translation>
    </message>
    <message>
        <source>解除锁定失败：%1</source>
        <translation>Could not unlock: %1</translation>
    </message>
    <message>
        <source>已解除 %1 的登录锁定</source>
        <translation>Sign-in lock of %1 lifted</translation>
    </message>
    <message>
        <source>%1 当前未被锁定，无需解除</source>
        <translation>%1 is not locked: nothing to lift</translation>
    </message>
    <message>
        <source>开始时间晚于结束时间</source>
        <translation>The start is later than the end</translation>
    </message>
    <message>
        <source>无法读取审计日志：%1</source>
        <translation>Cannot read the audit log: %1</translation>
    </message>
    <message>
        <source>审计日志：显示 %1 条</source>
        <translation>Audit log: %1 entries</translation>
    </message>
</context>
<context>
    <name>hall::desk::ChainPanel</name>
    <message>
        <source>升级 / 交回下一级的原因（必填）</source>
        <translation>Reason to escalate / hand back down (required)</translation>
    </message>
    <message>
        <source>升级到下一级 (E)</source>
        <translation>Escalate to the next stage (E)</translation>
    </message>
    <message>
        <source>交回下一级</source>
        <translation>Hand back down</translation>
    </message>
</context>
<context>
    <name>hall::desk::ChecklistPanel</name>
    <message>
        <source>未分级</source>
        <translation>not graded</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>分级：%1</source>
        <translation>Grade: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>&#x3000;·&#x3000;指标：%1</source>
        <translation>  ·  Metrics: %1</translation>
    </message>
    <message>
        <source>&#x3000;·&#x3000;本预案未单列此类事件，适用一键报警通用处置</source>
        <translation>  ·  No playbook of its own: the general panic-alarm playbook applies</translation>
    </message>
    <message>
        <source>处置清单：本预案未规定此类事件的处置步骤</source>
        <translation>Checklist: the plan sets no steps for this category</translation>
    </message>
    <message>
        <source>处置清单&#x3000;已完成或跳过 %1 / %2 项</source>
        <translation>Checklist  %1 / %2 steps done or skipped</translation>
    </message>
    <message>
        <source>&#x3000;·&#x3000;%1 项已超时</source>
        <translation>  ·  %1 overdue</translation>
    </message>
    <message>
        <source>分级指标：</source>
        <translation>Grading metric:</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Set</translation>
    </message>
    <message>
        <source>改类别：</source>
        <translation>Re-triage:</translation>
    </message>
    <message>
        <source>改类别原因（必填）</source>
        <translation>Reason for the new category (required)</translation>
    </message>
    <message>
        <source>改类别 (T)</source>
        <translation>Re-triage (T)</translation>
    </message>
    <message>
        <source>步骤备注（完成时可选）/ 跳过原因（必填）</source>
        <translation>Step note (optional when done) / reason to skip (required)</translation>
    </message>
    <message>
        <source>完成 (K)</source>
        <translation>Done (K)</translation>
    </message>
    <message>
        <source>跳过 (S)</source>
        <translation>Skip (S)</translation>
    </message>
    <message>
        <source>级别按预案默认</source>
        <translation>Playbook default severity</translation>
    </message>
    <message>
        <source>&#x3000;（选中步骤后按 K 或空格完成，S 跳过，L 记录联系）</source>
        <translation>  (select a step: K or Space checks it off, S skips it, L records a call)</translation>
    </message>
    <message>
        <source>定级：</source>
        <translation>Grade:</translation>
    </message>
    <message>
        <source>定级原因（必填）</source>
        <translation>Reason for the grade (required)</translation>
    </message>
    <message>
        <source>定级</source>
        <translation>Set grade</translation>
    </message>
    <message>
        <source>记录联系 (L)</source>
        <translation>Record call (L)</translation>
    </message>
</context>
<context>
    <name>hall::desk::CloseOutPanel</name>
    <message>
        <source>导出事件报告</source>
        <translation>Export the incident report</translation>
    </message>
    <message>
        <source>PDF 报告 (*.pdf);;时间线 CSV (*.csv);;JSON 归档 (*.json)</source>
        <translation>PDF report (*.pdf);;Timeline CSV (*.csv);;JSON archive (*.json)</translation>
    </message>
    <message>
        <source>正在导出……</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <source>导出报告…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>事后总结</source>
        <translation>the after-action summary</translation>
    </message>
    <message>
        <source>报送%1</source>
        <translation>filing with %1</translation>
    </message>
    <message>
        <source>%1 条通报待审批</source>
        <translation>%1 statement(s) awaiting approval</translation>
    </message>
    <message>
        <source>请先选择一个事件</source>
        <translation>Select an incident first</translation>
    </message>
    <message>
        <source>&lt;b&gt;善后要求已满足&lt;/b&gt;（另需完成处置清单中的必做善后步骤）%1</source>
        <translation>&lt;b&gt;Close-out duties met&lt;/b&gt; (mandatory close-out steps of the checklist still apply)%1</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b71c1c&apos;&gt;&lt;b&gt;关闭前尚需：&lt;/b&gt;%1&lt;/span&gt;%2</source>
        <translation>&lt;span style=&apos;color:#b71c1c&apos;&gt;&lt;b&gt;Before closing:&lt;/b&gt; %1&lt;/span&gt;%2</translation>
    </message>
    <message>
        <source>；已完成：%1</source>
        <translation>; done: %1</translation>
    </message>
    <message>
        <source>；%1：%2</source>
        <translation>; %1: %2</translation>
    </message>
    <message>
        <source>总结（%1）：原因：%2；经过：%3；改进：%4</source>
        <translation>Summary (%1): cause: %2; course: %3; improvements: %4</translation>
    </message>
    <message>
        <source>尚未填写事后总结</source>
        <translation>No after-action summary yet</translation>
    </message>
    <message>
        <source>已转办：%1（反馈：%2）</source>
        <translation>Handed over to %1 (feedback: %2)</translation>
    </message>
    <message>
        <source>媒体、公众、当事群众……</source>
        <translation>media, public, those involved …</translation>
    </message>
    <message>
        <source>通报内容</source>
        <translation>Statement</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>起草对外通报（舆情）</source>
        <translation>Draft a public statement</translation>
    </message>
    <message>
        <source>退回通报</source>
        <translation>Refuse the statement</translation>
    </message>
    <message>
        <source>退回理由（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>事件原因</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>处置经过</source>
        <translation>Course of handling</translation>
    </message>
    <message>
        <source>损失及伤亡</source>
        <translation>Losses and injuries</translation>
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
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>当面</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>书面/信息</source>
        <translation>Written / message</translation>
    </message>
    <message>
        <source>报送单位</source>
        <translation>Filed with</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>回执编号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>记录总结报送（备案）</source>
        <translation>Record the filing of the summary</translation>
    </message>
    <message>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>转办说明</source>
        <translation>Hand-over note</translation>
    </message>
    <message>
        <source>向当事人的反馈</source>
        <translation>Feedback to those involved</translation>
    </message>
    <message>
        <source>转办</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>改进事项</source>
        <translation>Follow-ups</translation>
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
        <source>添加改进事项</source>
        <translation>Add a follow-up</translation>
    </message>
    <message>
        <source>对外通报（舆情，须领导小组或数据管理局批准）</source>
        <translation>Public statements (approved by the leadership group or the bureau)</translation>
    </message>
    <message>
        <source>起草通报</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>填写总结</source>
        <translation>Write summary</translation>
    </message>
    <message>
        <source>记录报送</source>
        <translation>Record filing</translation>
    </message>
    <message>
        <source>标记完成</source>
        <translation>Mark done</translation>
    </message>
</context>
<context>
    <name>hall::desk::ContactDialog</name>
    <message>
        <source>记录联系：%1</source>
        <translation>Record a contact: %1</translation>
    </message>
    <message>
        <source>外部单位</source>
        <translation>Outside party</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>⚠ 本大厅未登记该单位的号码，请填写实际拨打的号码</source>
        <translation>⚠ The hall has no number for this party: enter the number you called</translation>
    </message>
    <message>
        <source>演练：只记录，不要实际拨打</source>
        <translation>Drill: record only, do not call</translation>
    </message>
    <message>
        <source>对方的接警/回执编号（如有）</source>
        <translation>The party&apos;s case or receipt number (if given)</translation>
    </message>
    <message>
        <source>拨打号码</source>
        <translation>Number called</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>How</translation>
    </message>
    <message>
        <source>回执编号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>hall::desk::DashboardView</name>
    <message>
        <source>正在导出归档：%1 / %2 起事件</source>
        <translation>Exporting the archive: %1 / %2 incidents</translation>
    </message>
    <message>
        <source>我负责的全部大厅</source>
        <translation>All my halls</translation>
    </message>
    <message>
        <source>正在统计……</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>无法统计：%1</source>
        <translation>Cannot compute the figures: %1</translation>
    </message>
    <message>
        <source>事件</source>
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
        <source>必做步骤按时</source>
        <translation>Steps on time</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Breaches</translation>
    </message>
    <message>
        <source>（%1 起演练未计入）</source>
        <translation>(%1 drills left out)</translation>
    </message>
    <message>
        <source>每周事件（按事件类别）</source>
        <translation>Incidents per week (by event class)</translation>
    </message>
    <message>
        <source>每日事件（按事件类别）</source>
        <translation>Incidents per day (by event class)</translation>
    </message>
    <message>
        <source>各大厅事件</source>
        <translation>Incidents per hall</translation>
    </message>
    <message>
        <source>各预案事件</source>
        <translation>Incidents per plan</translation>
    </message>
    <message>
        <source>事件数</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>%1目标 %2</source>
        <translation>%1 target %2</translation>
    </message>
    <message>
        <source>目标内 %1 / %2</source>
        <translation>within target %1 / %2</translation>
    </message>
    <message>
        <source>中位数 %1 · 九成在 %2 内</source>
        <translation>median %1 · 90% within %2</translation>
    </message>
    <message>
        <source>确认用时（报告→确认）</source>
        <translation>Time to acknowledge (reported → acknowledged)</translation>
    </message>
    <message>
        <source>处置用时（确认→处置完毕）</source>
        <translation>Time to resolve (acknowledged → resolved)</translation>
    </message>
    <message>
        <source>必做步骤按时完成情况</source>
        <translation>Mandatory steps done on time</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>逾期完成</source>
        <translation>Done late</translation>
    </message>
    <message>
        <source>逾期未完成</source>
        <translation>Overdue, not done</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>Not due yet</translation>
    </message>
    <message>
        <source>本期无到期步骤</source>
        <translation>No step fell due in this period</translation>
    </message>
    <message>
        <source>超出时限（%1）</source>
        <translation>Deadlines breached (%1)</translation>
    </message>
    <message>
        <source>报告时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>情形</source>
        <translation>Breach</translation>
    </message>
    <message>
        <source>步骤 / 依据</source>
        <translation>Step / clause</translation>
    </message>
    <message>
        <source>超出</source>
        <translation>Late by</translation>
    </message>
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
        <source>演练</source>
        <translation>Drill</translation>
    </message>
    <message>
        <source>未完成的整改（%1）</source>
        <translation>Open follow-ups (%1)</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>导出统计报告</source>
        <translation>Export the period report</translation>
    </message>
    <message>
        <source>PDF 报告 (*.pdf)</source>
        <translation>PDF report (*.pdf)</translation>
    </message>
    <message>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <source>导出超时清单</source>
        <translation>Export the breaches</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>导出归档</source>
        <translation>Export archive</translation>
    </message>
    <message>
        <source>JSON Lines 归档 (*.jsonl)</source>
        <translation>JSON Lines archive (*.jsonl)</translation>
    </message>
    <message>
        <source>正在导出归档……</source>
        <translation>Exporting the archive…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>周报</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>月报</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>季报</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>上一期</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <source>下一期</source>
        <translation>Next period</translation>
    </message>
    <message>
        <source>计入演练</source>
        <translation>Include drills</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>导出报告 PDF</source>
        <translation>Export report (PDF)</translation>
    </message>
    <message>
        <source>导出超时清单 CSV</source>
        <translation>Export breaches (CSV)</translation>
    </message>
    <message>
        <source>本期每起事件及其完整时间线（JSON Lines），供归档立存</source>
        <translation>Every incident of the period with its whole timeline (JSON Lines), for the archive</translation>
    </message>
    <message>
        <source>（%1 起所属预案未设确认时限）</source>
        <translation>(%1 under plans that set no acknowledgement time)</translation>
    </message>
</context>
<context>
    <name>hall::desk::DeskSession</name>
    <message>
        <source>请输入用户名和密码</source>
        <translation>Enter user name and password</translation>
    </message>
    <message>
        <source>此账号（%1）无权查看事件，不能使用值班台</source>
        <translation>This account (%1) may not read incidents and cannot use the desk</translation>
    </message>
    <message>
        <source>查看详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>适用预案：%1</source>
        <translation>Plan in force: %1</translation>
    </message>
    <message>
        <source>备注不能为空</source>
        <translation>The note must not be empty</translation>
    </message>
    <message>
        <source>备注过长：最多 %1 个字（现有 %2 个）</source>
        <translation>Note too long: at most %1 characters (it has %2)</translation>
    </message>
    <message>
        <source>说明过长：最多 %1 个字（现有 %2 个）</source>
        <translation>Summary too long: at most %1 characters (now %2)</translation>
    </message>
    <message>
        <source>%1：完成</source>
        <translation>%1: done</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>请先选择一个事件</source>
        <translation>Select an incident first</translation>
    </message>
    <message>
        <source>指派</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>请选择处置人</source>
        <translation>Choose a person</translation>
    </message>
    <message>
        <source>添加备注</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>处置完毕</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>请选择处置结果</source>
        <translation>Choose an outcome</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>请填写重新打开的原因</source>
        <translation>Give a reason to reopen</translation>
    </message>
    <message>
        <source>完成步骤</source>
        <translation>Check off step</translation>
    </message>
    <message>
        <source>请先在处置清单中选择一个步骤</source>
        <translation>Select a step of the checklist first</translation>
    </message>
    <message>
        <source>跳过步骤</source>
        <translation>Skip step</translation>
    </message>
    <message>
        <source>跳过步骤须填写原因</source>
        <translation>Give a reason to skip the step</translation>
    </message>
    <message>
        <source>改类别</source>
        <translation>Re-triage</translation>
    </message>
    <message>
        <source>请选择新的事件类别</source>
        <translation>Choose the new category</translation>
    </message>
    <message>
        <source>事件已是该类别</source>
        <translation>The incident is already in that category</translation>
    </message>
    <message>
        <source>改类别须填写原因</source>
        <translation>Give a reason for the new category</translation>
    </message>
    <message>
        <source>更新分级指标</source>
        <translation>Set grading metric</translation>
    </message>
    <message>
        <source>请选择分级指标</source>
        <translation>Choose a grading metric</translation>
    </message>
    <message>
        <source>指标值须在 0 到 10亿 之间</source>
        <translation>The value must be between 0 and 1,000,000,000</translation>
    </message>
    <message>
        <source>发起演练</source>
        <translation>Start drill</translation>
    </message>
    <message>
        <source>上报事件</source>
        <translation>Report incident</translation>
    </message>
    <message>
        <source>升级</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>升级须填写原因</source>
        <translation>Escalating needs a reason</translation>
    </message>
    <message>
        <source>交回下一级</source>
        <translation>Hand back down</translation>
    </message>
    <message>
        <source>交回下一级须填写原因</source>
        <translation>Handing back down needs a reason</translation>
    </message>
    <message>
        <source>定级</source>
        <translation>Set grade</translation>
    </message>
    <message>
        <source>请选择级别</source>
        <translation>Choose a grade</translation>
    </message>
    <message>
        <source>定级须填写原因</source>
        <translation>Setting the grade needs a reason</translation>
    </message>
    <message>
        <source>记录联系</source>
        <translation>Record contact</translation>
    </message>
    <message>
        <source>请先在处置清单中选择一个联系步骤</source>
        <translation>Select a contact step in the checklist first</translation>
    </message>
    <message>
        <source>请填写拨打的号码</source>
        <translation>Enter the number called</translation>
    </message>
    <message>
        <source>请选择联系方式</source>
        <translation>Choose how the party was reached</translation>
    </message>
    <message>
        <source>起草通报</source>
        <translation>Draft statement</translation>
    </message>
    <message>
        <source>批准通报</source>
        <translation>Approve statement</translation>
    </message>
    <message>
        <source>退回通报</source>
        <translation>Refuse statement</translation>
    </message>
    <message>
        <source>请先选择一条待审批的通报</source>
        <translation>Select a statement awaiting approval first</translation>
    </message>
    <message>
        <source>填写总结</source>
        <translation>Write summary</translation>
    </message>
    <message>
        <source>总结不完整：%1</source>
        <translation>The summary is incomplete: %1</translation>
    </message>
    <message>
        <source>记录报送</source>
        <translation>Record filing</translation>
    </message>
    <message>
        <source>请填写报送单位</source>
        <translation>Enter the body it was filed with</translation>
    </message>
    <message>
        <source>请选择报送方式</source>
        <translation>Choose how it was filed</translation>
    </message>
    <message>
        <source>转办</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>请填写承办部门</source>
        <translation>Enter the receiving department</translation>
    </message>
    <message>
        <source>请填写向当事人的反馈</source>
        <translation>Enter the feedback given to those involved</translation>
    </message>
    <message>
        <source>添加改进事项</source>
        <translation>Add follow-up</translation>
    </message>
    <message>
        <source>更新改进事项</source>
        <translation>Update follow-up</translation>
    </message>
    <message>
        <source>改进事项需填写内容、责任人和期限</source>
        <translation>A follow-up needs a text, an owner and a due date</translation>
    </message>
    <message>
        <source>请选择大厅和演练脚本</source>
        <translation>Choose a hall and a drill scenario</translation>
    </message>
    <message>
        <source>没有进行中的演练</source>
        <translation>No drill is running</translation>
    </message>
    <message>
        <source>停止演练须填写原因</source>
        <translation>Stopping a drill needs a reason</translation>
    </message>
    <message>
        <source>没有选择演练</source>
        <translation>No drill selected</translation>
    </message>
    <message>
        <source>总结为空：请至少填写一项</source>
        <translation>The review is empty: fill in at least one part</translation>
    </message>
</context>
<context>
    <name>hall::desk::DeskWindow</name>
    <message>
        <source>登录已失效，请重新登录（%1）</source>
        <translation>Your session ended; sign in again (%1)</translation>
    </message>
    <message>
        <source>未选择事件</source>
        <translation>No incident selected</translation>
    </message>
    <message>
        <source>在左侧列表中选择一个事件查看详情。</source>
        <translation>Select an incident on the left to see its details.</translation>
    </message>
    <message>
        <source>【演练】</source>
        <translation>[DRILL] </translation>
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
        <source>报告人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>（静默报警）</source>
        <translation> (silent alarm)</translation>
    </message>
    <message>
        <source>报告时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>处置人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>涉及人数</source>
        <translation>People involved</translation>
    </message>
    <message>
        <source> · 只读（此账号不能处置事件）</source>
        <translation> · Read only (this account cannot act on incidents)</translation>
    </message>
    <message>
        <source>⚠ 有 %1 起一键报警/紧急事件尚未确认</source>
        <translation>⚠ %1 panic / critical incident(s) not yet acknowledged</translation>
    </message>
    <message>
        <source>⚠ 报警终端失联（服务器超过3个心跳周期未收到）：%1</source>
        <translation>⚠ Kiosk silent (the server has had no heartbeat for more than 3 periods): %1</translation>
    </message>
    <message>
        <source>终端本地有 %1 条报警待发送</source>
        <translation>%1 press(es) waiting in kiosk queues</translation>
    </message>
    <message>
        <source>预案</source>
        <translation>Playbooks</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>适用预案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>处置清单 %1/%2</source>
        <translation>Checklist %1/%2</translation>
    </message>
    <message>
        <source>处置清单</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>处置时间线 (%1)</source>
        <translation>Timeline (%1)</translation>
    </message>
    <message>
        <source>添加备注</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>处置完毕</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>未登录</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>%1 · 预案集 %2</source>
        <translation>%1 · playbook set %2</translation>
    </message>
    <message>
        <source>⚠ 有 %1 起一键报警/紧急事件尚未确认 — 选中后按 A 确认</source>
        <translation>⚠ %1 panic / critical incident(s) not yet acknowledged — select and press A</translation>
    </message>
    <message>
        <source>显示 %1 / 共 %2 起</source>
        <translation>Showing %1 of %2</translation>
    </message>
    <message>
        <source>政务服务大厅应急指挥台 · 值班台</source>
        <translation>Hall incident command desk · Duty desk</translation>
    </message>
    <message>
        <source>值班台登录</source>
        <translation>Duty desk sign-in</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>筛选：</source>
        <translation>Filter:</translation>
    </message>
    <message>
        <source>类别、地点、报告人、说明…（Ctrl+F）</source>
        <translation>Category, place, reporter, summary… (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部未关闭</source>
        <translation>All open</translation>
    </message>
    <message>
        <source>真实与演练</source>
        <translation>Real and drills</translation>
    </message>
    <message>
        <source>仅真实事件</source>
        <translation>Real only</translation>
    </message>
    <message>
        <source>仅演练</source>
        <translation>Drills only</translation>
    </message>
    <message>
        <source>事件详情</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>终端状态</source>
        <translation>Kiosks</translation>
    </message>
    <message>
        <source>备注 / 处置说明 / 重新打开原因（N 聚焦，Ctrl+Enter 添加备注）</source>
        <translation>Note / resolution / reopen reason (N to focus, Ctrl+Enter adds a note)</translation>
    </message>
    <message>
        <source>确认 (A)</source>
        <translation>Acknowledge (A)</translation>
    </message>
    <message>
        <source>指派 (G)</source>
        <translation>Assign (G)</translation>
    </message>
    <message>
        <source>添加备注 (Ctrl+Enter)</source>
        <translation>Add note (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>处置完毕 (R)</source>
        <translation>Resolve (R)</translation>
    </message>
    <message>
        <source>关闭 (C)</source>
        <translation>Close (C)</translation>
    </message>
    <message>
        <source>重新打开 (O)</source>
        <translation>Reopen (O)</translation>
    </message>
    <message>
        <source>会话</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>语言 / Language</source>
        <translation>Language / 语言</translation>
    </message>
    <message>
        <source>⚠ 值班与联络：%1 个问题</source>
        <translation>⚠ Roster &amp; contacts: %1 problem(s)</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source> · %1级</source>
        <translation> · grade %1</translation>
    </message>
    <message>
        <source>&#x3000;【计划内（已公告），不上报】</source>
        <translation>  [Planned (announced): not escalated]</translation>
    </message>
    <message>
        <source>&#x3000;【产品默认处置措施】</source>
        <translation>  [Product-default measures]</translation>
    </message>
    <message>
        <source>终端监测（服务器）</source>
        <translation>Kiosk monitor (server)</translation>
    </message>
    <message>
        <source>失联终端</source>
        <translation>Silent kiosk</translation>
    </message>
    <message>
        <source>确认上报 (A)</source>
        <translation>Acknowledge alert (A)</translation>
    </message>
    <message>
        <source>上报链 (%1级)</source>
        <translation>Chain (%1 stages)</translation>
    </message>
    <message>
        <source>上报链</source>
        <translation>Chain</translation>
    </message>
    <message>
        <source>值班与联络</source>
        <translation>Roster and contacts</translation>
    </message>
    <message>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>值班看板</source>
        <translation>Duty board</translation>
    </message>
    <message>
        <source>领导视图</source>
        <translation>Leadership view</translation>
    </message>
    <message>
        <source>善后</source>
        <translation>Close-out</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>平面图</source>
        <translation>Floor plan</translation>
    </message>
    <message>
        <source>演练</source>
        <translation>Drills</translation>
    </message>
    <message>
        <source>主机:端口；多台服务器用逗号分隔，连不上一台时依次换下一台</source>
        <translation>HOST:PORT; several servers separated by commas — when one cannot be reached the desk moves to the next</translation>
    </message>
</context>
<context>
    <name>hall::desk::DrillConsoleView</name>
    <message>
        <source>停止演练</source>
        <translation>Stop drill</translation>
    </message>
    <message>
        <source>停止原因（发生真实事件时请立即停止演练，按真实事件处置）：</source>
        <translation>Reason for stopping (if a real incident happens, stop the drill at once and handle the real incident):</translation>
    </message>
    <message>
        <source>发生真实突发事件，立即停止演练</source>
        <translation>A real incident happened; drill stopped at once</translation>
    </message>
    <message>
        <source>导出演练评估报告</source>
        <translation>Export the drill assessment report</translation>
    </message>
    <message>
        <source>PDF 报告 (*.pdf)</source>
        <translation>PDF report (*.pdf)</translation>
    </message>
    <message>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <source>导出评分表</source>
        <translation>Export the score sheet</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <source>演练脚本</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>演练脚本内容</source>
        <translation>The scenario</translation>
    </message>
    <message>
        <source>发起演练</source>
        <translation>Start a drill</translation>
    </message>
    <message>
        <source>立即开始</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>定时开始</source>
        <translation>At</translation>
    </message>
    <message>
        <source>参演终端（显示演练标识，可发送演练上报）</source>
        <translation>Kiosks taking part (they show the drill and may send drill presses)</translation>
    </message>
    <message>
        <source>开始演练</source>
        <translation>Start drill</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>继续</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>发生真实事件时：立即停止演练，按真实事件处置</source>
        <translation>If a real incident happens: stop the drill at once and handle the real incident</translation>
    </message>
    <message>
        <source>当前演练</source>
        <translation>Current drill</translation>
    </message>
    <message>
        <source>历史与趋势</source>
        <translation>History and trend</translation>
    </message>
    <message>
        <source>演练频次</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <source>总结与导出</source>
        <translation>Review and export</translation>
    </message>
    <message>
        <source>演练经过（注入与事件，双击打开事件）</source>
        <translation>Course of the drill (injects and incidents; double-click opens an incident)</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>组织者</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>Interval</translation>
    </message>
    <message>
        <source>上次演练</source>
        <translation>Last run</translation>
    </message>
    <message>
        <source>应于</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>上次得分</source>
        <translation>Last score</translation>
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
        <source>改进措施（每行一项）</source>
        <translation>Improvements (one per line)</translation>
    </message>
    <message>
        <source>保存总结</source>
        <translation>Save review</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>导出 CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>大厅：%1</source>
        <translation>Hall: %1</translation>
    </message>
    <message>
        <source>正在读取演练脚本……</source>
        <translation>Reading the drill scenarios…</translation>
    </message>
    <message>
        <source>无法读取演练脚本：%1</source>
        <translation>Cannot read the drill scenarios: %1</translation>
    </message>
    <message>
        <source>无法读取演练记录：%1</source>
        <translation>Cannot read the drill history: %1</translation>
    </message>
    <message>
        <source>无法读取演练频次：%1</source>
        <translation>Cannot read the drill cadence: %1</translation>
    </message>
    <message>
        <source>无法读取演练：%1</source>
        <translation>Cannot read the drill: %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;此大厅没有适用的演练脚本。&lt;/p&gt;</source>
        <translation>&lt;p&gt;No drill scenario fits this hall.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>演练内容：</source>
        <translation>Rehearses:</translation>
    </message>
    <message>
        <source>参演角色：</source>
        <translation>Taking part:</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>依据：</source>
        <translation>Clause:</translation>
    </message>
    <message>
        <source>时长：</source>
        <translation>Duration:</translation>
    </message>
    <message>
        <source>频次：</source>
        <translation>Cadence:</translation>
    </message>
    <message>
        <source>每 %1 天一次</source>
        <translation>once every %1 days</translation>
    </message>
    <message>
        <source>由大厅自定</source>
        <translation>as the hall decides</translation>
    </message>
    <message>
        <source>注入</source>
        <translation>Injects</translation>
    </message>
    <message>
        <source>应有响应（%1 项）</source>
        <translation>Expected responses (%1)</translation>
    </message>
    <message>
        <source>%1 注入后 %2 内 · %3</source>
        <translation>within %2 of inject %1 · %3</translation>
    </message>
    <message>
        <source>此大厅当前没有演练</source>
        <translation>No drill in this hall now</translation>
    </message>
    <message>
        <source>得分 &lt;b&gt;%1%&lt;/b&gt;%2 · 按时 %3 · 迟 %4 · 未完成 %5 · 超时 %6 · 待定 %7</source>
        <translation>Score &lt;b&gt;%1%&lt;/b&gt;%2 · on time %3 · late %4 · missed %5 · overdue %6 · pending %7</translation>
    </message>
    <message>
        <source>（最终）</source>
        <translation> (final)</translation>
    </message>
    <message>
        <source>（至今）</source>
        <translation> (so far)</translation>
    </message>
    <message>
        <source>停止原因：%1</source>
        <translation>Stopped because: %1</translation>
    </message>
    <message>
        <source>最新消息：%1</source>
        <translation>Latest message: %1</translation>
    </message>
    <message>
        <source>组织者：%1 · 参演终端：%2</source>
        <translation>Coordinator: %1 · kiosks taking part: %2</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>all</translation>
    </message>
    <message>
        <source>预定 %1&#x3000;%2</source>
        <translation>Due %1&#x3000;%2</translation>
    </message>
    <message>
        <source>距开始 %1</source>
        <translation>Starts in %1</translation>
    </message>
    <message>
        <source>演练用时 %1 / %2</source>
        <translation>Drill time %1 / %2</translation>
    </message>
    <message>
        <source>%1%（至今）</source>
        <translation>%1% (so far)</translation>
    </message>
    <message>
        <source>得分趋势：尚无已完成的演练</source>
        <translation>Score trend: no drill finished yet</translation>
    </message>
    <message>
        <source>得分趋势（同一大厅、同一脚本，共 %1 次）</source>
        <translation>Score trend (this hall, this scenario, %1 runs)</translation>
    </message>
    <message>
        <source>（停止）</source>
        <translation> (stopped)</translation>
    </message>
    <message>
        <source>每 %1 天</source>
        <translation>every %1 days</translation>
    </message>
    <message>
        <source>自定</source>
        <translation>as decided</translation>
    </message>
    <message>
        <source>从未演练</source>
        <translation>never run</translation>
    </message>
    <message>
        <source>现在</source>
        <translation>now</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>按期</source>
        <translation>On schedule</translation>
    </message>
    <message>
        <source>选择一次已结束的演练填写总结。</source>
        <translation>Choose a finished drill to review it.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>演练结束后填写总结（演练总结，东莞 B.2.2 / 湖南 5.4.2）。</source>
        <translation>Review the drill once it is over (drill review, Dongguan B.2.2 / Hunan 5.4.2).</translation>
    </message>
    <message>
        <source>总结人：%1（%2）</source>
        <translation>Reviewed by %1 (%2)</translation>
    </message>
    <message>
        <source>只读：仅演练组织者可发起、暂停、继续、停止演练和填写总结</source>
        <translation>Read-only: only a drill coordinator may start, pause, resume, stop or review drills</translation>
    </message>
    <message>
        <source>只读（观摩）</source>
        <translation>Read-only (watching)</translation>
    </message>
    <message>
        <source>重试开始</source>
        <translation>Retry start</translation>
    </message>
    <message>
        <source>%1：完成</source>
        <translation>%1: done</translation>
    </message>
    <message>
        <source>%1失败：%2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>请至少选择一台参演终端</source>
        <translation>Choose at least one kiosk to take part</translation>
    </message>
    <message>
        <source>计划开始时间须晚于现在</source>
        <translation>The start must be later than now</translation>
    </message>
    <message>
        <source>安排演练</source>
        <translation>Schedule drill</translation>
    </message>
    <message>
        <source>%1……</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>%1失败：%2。再次点击「重试开始」将沿用同一请求，不会重复开始。</source>
        <translation>%1 failed: %2. Pressing “Retry start” sends the same request again; the drill will not start twice.</translation>
    </message>
    <message>
        <source>暂停演练</source>
        <translation>Pause drill</translation>
    </message>
    <message>
        <source>继续演练</source>
        <translation>Resume drill</translation>
    </message>
    <message>
        <source>保存演练总结</source>
        <translation>Save drill review</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>编排注入…</source>
        <translation>Edit injects…</translation>
    </message>
    <message>
        <source>以所选脚本为底稿，手工增删、修改注入</source>
        <translation>Build injects by hand, starting from the scenario chosen</translation>
    </message>
    <message>
        <source>已使用手工编排「%1」，可开始演练</source>
        <translation>Using the hand-built “%1”; ready to start</translation>
    </message>
</context>
<context>
    <name>hall::desk::DrillInjectEditor</name>
    <message>
        <source>编排注入</source>
        <translation>Edit injects</translation>
    </message>
    <message>
        <source>手工编排：</source>
        <translation>Hand-built: </translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>基于「%1」· 依据 %2</source>
        <translation>Based on “%1” · clause %2</translation>
    </message>
    <message>
        <source>时间（秒）</source>
        <translation>Time (s)</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>类别 / 指标</source>
        <translation>Category / metric</translation>
    </message>
    <message>
        <source>地点 / 对应报警</source>
        <translation>Place / its press</translation>
    </message>
    <message>
        <source>内容 / 数值</source>
        <translation>Text / value</translation>
    </message>
    <message>
        <source>添加注入</source>
        <translation>Add inject</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>使用此编排</source>
        <translation>Use these injects</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>开始后 %1</source>
        <translation>%1 after the start</translation>
    </message>
    <message>
        <source>发给全体参演人员的消息</source>
        <translation>A message to everyone taking part</translation>
    </message>
    <message>
        <source>报告人所述（演练）</source>
        <translation>What the reporter says (drill)</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#607d8b&apos;&gt;修改后请点击「检查」：服务器按开始演练时的规则检查这份编排，并列出应有响应。&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#607d8b&apos;&gt;After a change press “Check”: the server checks these injects by the rules of a start and lists the responses a run would expect.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;正在检查……&lt;/p&gt;</source>
        <translation>&lt;p&gt;Checking…&lt;/p&gt;</translation>
    </message>
    <message>
        <source>不能使用：</source>
        <translation>Cannot be used:</translation>
    </message>
    <message>
        <source>检查通过：%1 项注入，%2 项应有响应</source>
        <translation>Checked: %1 injects, %2 expected responses</translation>
    </message>
</context>
<context>
    <name>hall::desk::EscalatedPanel</name>
    <message>
        <source>升级给我</source>
        <translation>Escalated to me</translation>
    </message>
    <message>
        <source>&#x3000;·&#x3000;%1 起待确认（选中后按 A 确认）</source>
        <translation>  ·  %1 awaiting acknowledgement (select, then A)</translation>
    </message>
    <message>
        <source>&#x3000;·&#x3000;暂无</source>
        <translation>  ·  none</translation>
    </message>
    <message>
        <source>&#x3000;·&#x3000;均已确认</source>
        <translation>  ·  all acknowledged</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>Seen</translation>
    </message>
</context>
<context>
    <name>hall::desk::FloorPlanCanvas</name>
    <message>
        <source>未注明地点</source>
        <translation>No place given</translation>
    </message>
    <message>
        <source>（无坐标，未画在平面图上）</source>
        <translation>(no position: not drawn on the plan)</translation>
    </message>
    <message>
        <source>地点：%1</source>
        <translation>Place: %1</translation>
    </message>
    <message>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>失联（服务器超过3个心跳周期未收到）</source>
        <translation>Silent (the server has not heard from it for 3 heartbeat periods)</translation>
    </message>
    <message>
        <source>已报失联事件 — 点击打开</source>
        <translation>Its silence is an open incident — click to open it</translation>
    </message>
    <message>
        <source>【演练】</source>
        <translation>[DRILL] </translation>
    </message>
    <message>
        <source> · 待确认</source>
        <translation> · awaiting acknowledgement</translation>
    </message>
    <message>
        <source> · 已升级</source>
        <translation> · escalated</translation>
    </message>
    <message>
        <source>状态：%1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>报告于 %1（%2 分钟前）</source>
        <translation>Reported at %1 (%2 min ago)</translation>
    </message>
    <message>
        <source>点击打开</source>
        <translation>Click to open</translation>
    </message>
    <message>
        <source>未设置平面图 · 按坐标示意</source>
        <translation>No floor plan · places by their coordinates</translation>
    </message>
    <message>
        <source>警</source>
        <comment>a panic&apos;s marker</comment>
        <translation>!</translation>
    </message>
    <message>
        <source>演练</source>
        <translation>Drill</translation>
    </message>
</context>
<context>
    <name>hall::desk::FloorPlanView</name>
    <message>
        <source>平面图读取失败（%1），按坐标示意各地点</source>
        <translation>Could not read the floor plan (%1); places are shown by their coordinates</translation>
    </message>
    <message>
        <source>此大厅尚未设置平面图（管理员可用 hallctl hall floor-plan 上传），下方按坐标示意各地点</source>
        <translation>This hall has no floor plan yet (an admin uploads one with hallctl hall floor-plan); its places are shown below by their coordinates</translation>
    </message>
    <message>
        <source>平面图无法显示（不是有效的 SVG 或 PNG 图片），按坐标示意各地点</source>
        <translation>The floor plan cannot be shown (not a valid SVG or PNG image); places are shown by their coordinates</translation>
    </message>
    <message>
        <source>未注明地点</source>
        <translation>No place given</translation>
    </message>
    <message>
        <source>【演练】</source>
        <translation>[DRILL] </translation>
    </message>
    <message>
        <source> · 待确认</source>
        <translation> · awaiting acknowledgement</translation>
    </message>
    <message>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>失联</source>
        <translation>Silent</translation>
    </message>
    <message>
        <source>未定位 (%1)</source>
        <translation>Not on the plan (%1)</translation>
    </message>
    <message>
        <source>无地点或地点无坐标的事件和终端：不在平面图上，列在这里</source>
        <translation>Incidents and kiosks without a place, or at a place without a position: not on the plan, so listed here</translation>
    </message>
    <message>
        <source>大厅：</source>
        <translation>Hall:</translation>
    </message>
    <message>
        <source>图例：</source>
        <translation>Legend:</translation>
    </message>
    <message>
        <source>待确认（红圈闪烁）</source>
        <translation>awaiting acknowledgement (flashing red ring)</translation>
    </message>
    <message>
        <source>已升级</source>
        <translation>escalated</translation>
    </message>
    <message>
        <source>演练</source>
        <translation>Drill</translation>
    </message>
    <message>
        <source>演练（虚线圈）</source>
        <translation>drill (dashed ring)</translation>
    </message>
    <message>
        <source>终端在线</source>
        <translation>kiosk online</translation>
    </message>
    <message>
        <source>终端失联</source>
        <translation>kiosk silent</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>place</translation>
    </message>
    <message>
        <source>悬停查看详情，点击打开事件</source>
        <translation>Hover for details, click to open</translation>
    </message>
</context>
<context>
    <name>hall::desk::HallSetupCache</name>
    <message>
        <source>任命职位</source>
        <translation>Fill position</translation>
    </message>
    <message>
        <source>请选择人员</source>
        <translation>Choose a person</translation>
    </message>
    <message>
        <source>请选择职位</source>
        <translation>Choose a position</translation>
    </message>
    <message>
        <source>移除职位人员</source>
        <translation>Remove from position</translation>
    </message>
    <message>
        <source>请先选择一个已任命的人员</source>
        <translation>Select a filled position first</translation>
    </message>
    <message>
        <source>保存联系电话</source>
        <translation>Save contact</translation>
    </message>
    <message>
        <source>请选择外部单位</source>
        <translation>Choose an outside party</translation>
    </message>
    <message>
        <source>删除联系电话</source>
        <translation>Delete contact</translation>
    </message>
    <message>
        <source>请先选择一个外部单位</source>
        <translation>Select an outside party first</translation>
    </message>
    <message>
        <source>添加值班</source>
        <translation>Add shift</translation>
    </message>
    <message>
        <source>请选择值班人员</source>
        <translation>Choose the person on duty</translation>
    </message>
    <message>
        <source>删除值班</source>
        <translation>Delete shift</translation>
    </message>
    <message>
        <source>请先选择一个班次</source>
        <translation>Select a shift first</translation>
    </message>
    <message>
        <source>保存通知渠道</source>
        <translation>Save notifier</translation>
    </message>
    <message>
        <source>请填写通知地址（http:// 或 https://）</source>
        <translation>Enter the notifier address (http:// or https://)</translation>
    </message>
    <message>
        <source>删除通知渠道</source>
        <translation>Delete notifier</translation>
    </message>
    <message>
        <source>请先选择一个通知渠道</source>
        <translation>Select a notifier first</translation>
    </message>
    <message>
        <source>登记计划停电</source>
        <translation>Announce planned outage</translation>
    </message>
    <message>
        <source>请选择类别</source>
        <translation>Choose a category</translation>
    </message>
    <message>
        <source>取消计划停电</source>
        <translation>Cancel planned outage</translation>
    </message>
    <message>
        <source>请先选择一条计划停电</source>
        <translation>Select a planned outage first</translation>
    </message>
    <message>
        <source>取消须填写原因</source>
        <translation>Cancelling needs a reason</translation>
    </message>
    <message>
        <source>%1：完成</source>
        <translation>%1: done</translation>
    </message>
</context>
<context>
    <name>hall::desk::HallSetupPage</name>
    <message>
        <source>大厅：</source>
        <translation>Hall:</translation>
    </message>
    <message>
        <source>任命到所选职位</source>
        <translation>Fill the selected position</translation>
    </message>
    <message>
        <source>移除所选职位的人员</source>
        <translation>Remove from the selected position</translation>
    </message>
    <message>
        <source>从</source>
        <translation>from</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>添加班次</source>
        <translation>Add shift</translation>
    </message>
    <message>
        <source>删除所选班次</source>
        <translation>Delete selected shift</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>登记公告</source>
        <translation>Announce</translation>
    </message>
    <message>
        <source>取消所选</source>
        <translation>Cancel selected</translation>
    </message>
    <message>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <source>⚠ 此大厅的上报设置有 %1 个问题（告警可能无人接收）：
%2</source>
        <translation>⚠ This hall&apos;s escalation set-up has %1 problem(s) (an alert may reach nobody):
%2</translation>
    </message>
    <message>
        <source>值班表（7天，%1 班）</source>
        <translation>Roster (7 days, %1 shifts)</translation>
    </message>
    <message>
        <source>外部联络（%1）</source>
        <translation>Outside contacts (%1)</translation>
    </message>
    <message>
        <source>通知渠道（%1）</source>
        <translation>Notifiers (%1)</translation>
    </message>
    <message>
        <source>计划停电（%1）</source>
        <translation>Planned outages (%1)</translation>
    </message>
    <message>
        <source>设置版本 %1&#x3000;·&#x3000;修改即时生效，并记入审计</source>
        <translation>Set-up version %1  ·  changes apply at once and are audited</translation>
    </message>
    <message>
        <source>只读：修改值班与联络须有“大厅管理”权限（大厅负责人、管理员）</source>
        <translation>Read only: changing the roster and contacts needs the &quot;manage hall&quot; permission (hall head, administrator)</translation>
    </message>
    <message>
        <source>当前可达与职位</source>
        <translation>Reached now &amp; positions</translation>
    </message>
    <message>
        <source>名称（如 城区派出所）</source>
        <translation>Name (e.g. city police station)</translation>
    </message>
    <message>
        <source>电话（必填）</source>
        <translation>Phone (required)</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>名称（如 短信网关）</source>
        <translation>Name (e.g. SMS gateway)</translation>
    </message>
    <message>
        <source>http:// 或 https:// 地址</source>
        <translation>http:// or https:// address</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>区域（空 = 全大厅）</source>
        <translation>Zone (empty = whole hall)</translation>
    </message>
    <message>
        <source>公告内容 / 取消原因</source>
        <translation>Announcement / reason to cancel</translation>
    </message>
</context>
<context>
    <name>hall::desk::LeadershipView</name>
    <message>
        <source>全部大厅</source>
        <translation>All halls</translation>
    </message>
    <message>
        <source>在办 &lt;b&gt;%1&lt;/b&gt; 起</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; open</translation>
    </message>
    <message>
        <source>待领导确认 &lt;b&gt;%1&lt;/b&gt; 起</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; awaiting a leader</translation>
    </message>
    <message>
        <source>步骤超时 &lt;b&gt;%1&lt;/b&gt; 起</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; with steps overdue</translation>
    </message>
    <message>
        <source>所辖大厅暂无在办事件</source>
        <translation>No open incidents in your halls</translation>
    </message>
    <message>
        <source>全部地区</source>
        <translation>All regions</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部级别</source>
        <translation>All severities</translation>
    </message>
    <message>
        <source>一般及以上</source>
        <translation>Medium and above</translation>
    </message>
    <message>
        <source>较重及以上</source>
        <translation>High and above</translation>
    </message>
    <message>
        <source>仅特别严重</source>
        <translation>Critical only</translation>
    </message>
    <message>
        <source>真实与演练</source>
        <translation>Real and drills</translation>
    </message>
    <message>
        <source>仅真实事件</source>
        <translation>Real only</translation>
    </message>
    <message>
        <source>仅演练</source>
        <translation>Drills only</translation>
    </message>
    <message>
        <source>全部时间</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>近24小时</source>
        <translation>Last 24 hours</translation>
    </message>
    <message>
        <source>近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>搜索大厅、类别、摘要、报告人</source>
        <translation>Search hall, category, summary, reporter</translation>
    </message>
</context>
<context>
    <name>hall::desk::PlaybookPage</name>
    <message>
        <source>预案概况与应急准备</source>
        <translation>Plan overview and readiness</translation>
    </message>
    <message>
        <source>（未单列）</source>
        <translation> (no own playbook)</translation>
    </message>
    <message>
        <source>正在读取预案…</source>
        <translation>Reading the plan…</translation>
    </message>
    <message>
        <source>本预案未规定此类事件的处置措施；应急准备清单见“预案概况与应急准备”。</source>
        <translation>The plan sets no measures for this category; its readiness checklists are under “Plan overview and readiness”.</translation>
    </message>
    <message>
        <source>正在读取处置措施…</source>
        <translation>Reading the playbook…</translation>
    </message>
    <message>
        <source>大厅：</source>
        <translation>Hall:</translation>
    </message>
    <message>
        <source>事件类别：</source>
        <translation>Category:</translation>
    </message>
</context>
</TS>
