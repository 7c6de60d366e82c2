<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>EnrollScreen</name>
    <message>
        <source>终端登记</source>
        <translation>Kiosk enrollment</translation>
    </message>
    <message>
        <source>本终端尚未登记。请输入管理员在值班台为本位置生成的 12 位登记码（或用扫码枪扫描二维码）。</source>
        <translation>This kiosk is not enrolled yet. Enter the 12-character code an administrator issued for this place on the desk (or scan its QR code).</translation>
    </message>
    <message>
        <source>正在登记…</source>
        <translation>Enrolling…</translation>
    </message>
    <message>
        <source>登记本终端</source>
        <translation>Enroll this kiosk</translation>
    </message>
    <message>
        <source>服务器：%1 · %2</source>
        <translation>Server: %1 · %2</translation>
    </message>
</context>
<context>
    <name>KioskScreen</name>
    <message>
        <source>正在连接大厅…</source>
        <translation>Connecting to the hall…</translation>
    </message>
    <message>
        <source>位置：%1 · 终端 %2</source>
        <translation>Place: %1 · kiosk %2</translation>
    </message>
    <message>
        <source>网络中断，报警已保存，将自动重发（%1 条待发送）</source>
        <translation>Network down — alarm saved, it will be resent automatically (%1 waiting)</translation>
    </message>
    <message>
        <source>网络中断，正在重新连接…</source>
        <translation>Network down — reconnecting…</translation>
    </message>
    <message>
        <source>快捷上报按钮将在连接服务器后显示；紧急情况请按住左侧一键报警</source>
        <translation>Quick-report buttons appear once the server is reached; in an emergency hold the panic button on the left</translation>
    </message>
    <message>
        <source>演练已暂停：%1</source>
        <translation>Drill paused: %1</translation>
    </message>
    <message>
        <source>演练进行中：%1</source>
        <translation>Drill in progress: %1</translation>
    </message>
    <message>
        <source>演练上报已开启：下一次报警按演练发送（点此取消）</source>
        <translation>Drill press on: the next report is sent as a drill (tap to cancel)</translation>
    </message>
    <message>
        <source>演练上报</source>
        <translation>Drill press</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>一键报警终端</source>
        <translation>Panic alarm kiosk</translation>
    </message>
</context>
<context>
    <name>PanicButton</name>
    <message>
        <source>一键报警</source>
        <translation>Panic alarm</translation>
    </message>
    <message>
        <source>按住 1.5 秒报警</source>
        <translation>Hold 1.5 s to raise</translation>
    </message>
    <message>
        <source>继续按住…</source>
        <translation>Keep holding…</translation>
    </message>
</context>
<context>
    <name>ProgressCard</name>
    <message>
        <source>已报警：%1</source>
        <translation>Alarm: %1</translation>
    </message>
    <message>
        <source>已保存，正在发送…</source>
        <translation>Saved, sending…</translation>
    </message>
    <message>
        <source>已送达值班台</source>
        <translation>Delivered to the desk</translation>
    </message>
    <message>
        <source>%1 已确认（%2）</source>
        <translation>Acknowledged by %1 (%2)</translation>
    </message>
    <message>
        <source>已处置</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>已撤回（记录已保留）</source>
        <translation>Withdrawn (kept on record)</translation>
    </message>
    <message>
        <source>未被受理：%1</source>
        <translation>Not accepted: %1</translation>
    </message>
    <message>
        <source>值班员已确认</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>误报撤回（%1 秒）</source>
        <translation>Withdraw false alarm (%1 s)</translation>
    </message>
    <message>
        <source>收起</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>计划内（已公告）：已记录在案，不再上报</source>
        <translation>Planned (announced): recorded, not escalated</translation>
    </message>
    <message>
        <source>已并入正在处理的报警</source>
        <translation>Added to the report already being handled</translation>
    </message>
    <message>
        <source>【演练】</source>
        <translation>[DRILL] </translation>
    </message>
</context>
<context>
    <name>ReportSheet</name>
    <message>
        <source>上报：%1</source>
        <translation>Report: %1</translation>
    </message>
    <message>
        <source>简短说明（可不填，最多 %1 字）</source>
        <translation>Short note (optional, at most %1 characters)</translation>
    </message>
    <message>
        <source>简短说明（可不填）</source>
        <translation>Short note (optional)</translation>
    </message>
    <message>
        <source>例如：3号窗口有人晕倒</source>
        <translation>e.g. someone fainted at window 3</translation>
    </message>
    <message>
        <source>涉及人数（不清楚填0）</source>
        <translation>People involved (0 if unknown)</translation>
    </message>
    <message>
        <source>%1 / %2 字</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>发送到值班台</source>
        <translation>Send to the desk</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>按演练发送到值班台</source>
        <translation>Send to the desk as a drill</translation>
    </message>
</context>
<context>
    <name>WithdrawSheet</name>
    <message>
        <source>撤回误报（剩余 %1 秒）</source>
        <translation>Withdraw false alarm (%1 s left)</translation>
    </message>
    <message>
        <source>误触</source>
        <translation>Pressed by mistake</translation>
    </message>
    <message>
        <source>已现场解决</source>
        <translation>Solved on the spot</translation>
    </message>
    <message>
        <source>其他原因</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <source>确认撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>hall::kiosk::KioskController</name>
    <message>
        <source>无法打开本地报警队列 %1：%2</source>
        <translation>Cannot open the local alarm queue %1: %2</translation>
    </message>
    <message>
        <source>无法读取终端密钥文件 %1</source>
        <translation>Cannot read the kiosk secret file %1</translation>
    </message>
    <message>
        <source>终端登录失败：%1</source>
        <translation>Kiosk sign-in failed: %1</translation>
    </message>
    <message>
        <source>说明过长：最多 %1 个字（现有 %2 个）</source>
        <translation>Note too long: at most %1 characters (it has %2)</translation>
    </message>
    <message>
        <source>人数不能为负数</source>
        <translation>The number of people cannot be negative</translation>
    </message>
    <message>
        <source>人数应在 0 到 %1 之间</source>
        <translation>People involved must be between 0 and %1</translation>
    </message>
    <message>
        <source>本地报警队列不可用：%1</source>
        <translation>The local alarm queue is unavailable: %1</translation>
    </message>
    <message>
        <source>报警未能保存：%1</source>
        <translation>The alarm could not be saved: %1</translation>
    </message>
    <message>
        <source>报警被服务器拒绝：%1</source>
        <translation>The server refused the alarm: %1</translation>
    </message>
    <message>
        <source>请填写撤回原因</source>
        <translation>Give a reason to withdraw</translation>
    </message>
    <message>
        <source>原因过长：最多 %1 个字</source>
        <translation>Reason too long: at most %1 characters</translation>
    </message>
    <message>
        <source>只能撤回已送达、未处置的报警</source>
        <translation>Only a delivered, unresolved alarm can be withdrawn</translation>
    </message>
    <message>
        <source>已超过撤回时限，请联系值班台</source>
        <translation>The withdraw window has passed; call the desk</translation>
    </message>
    <message>
        <source>撤回失败：%1</source>
        <translation>Withdraw failed: %1</translation>
    </message>
    <message>
        <source>已撤回，记录已保留</source>
        <translation>Withdrawn; the record is kept</translation>
    </message>
    <message>
        <source>本终端已登记</source>
        <translation>This kiosk is already enrolled</translation>
    </message>
    <message>
        <source>正在登记，请稍候</source>
        <translation>Enrolling, please wait</translation>
    </message>
    <message>
        <source>登记码应为 12 位字母和数字（见值班台显示的登记码）</source>
        <translation>An enrollment code is 12 letters and digits (as the desk shows it)</translation>
    </message>
    <message>
        <source>登记完成：%1</source>
        <translation>Enrolled: %1</translation>
    </message>
    <message>
        <source>登记码无效、已使用或已过期，请管理员重新生成</source>
        <translation>The code is unknown, already used or expired; ask an administrator for a new one</translation>
    </message>
    <message>
        <source>尝试次数过多，请稍后再试（%1）</source>
        <translation>Too many tries; try again later (%1)</translation>
    </message>
    <message>
        <source>无法连接服务器，请检查网络后重试</source>
        <translation>Cannot reach the server; check the network and try again</translation>
    </message>
    <message>
        <source>登记失败：%1</source>
        <translation>Enrollment failed: %1</translation>
    </message>
    <message>
        <source>无法保存终端密钥到 %1：%2</source>
        <translation>Cannot save the kiosk&apos;s secret to %1: %2</translation>
    </message>
    <message>
        <source>按得太频繁，这次未再上报；之前的报警仍在处理</source>
        <translation>Pressed too often: this press was not sent; the earlier report is still being handled</translation>
    </message>
    <message>
        <source>已并入正在处理的报警</source>
        <translation>Added to the report already being handled</translation>
    </message>
</context>
</TS>
