<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>hall::desk::DeskSession</name>
    <message>
        <source>请输入用户名和密码</source>
        <translation>Enter user name and password</translation>
    </message>
    <message>
        <source>角色“%1”不能使用值班台</source>
        <translation>The role “%1” cannot use the desk</translation>
    </message>
    <message>
        <source>查看详情</source>
        <translation>Details</translation>
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
        <source>发起演练</source>
        <translation>Start drill</translation>
    </message>
    <message>
        <source>上报事件</source>
        <translation>Report incident</translation>
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
        <source>说明</source>
        <translation>Summary</translation>
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
        <source>⚠ 有 %1 起一键报警/紧急事件尚未确认 — 选中后按 A 确认</source>
        <translation>⚠ %1 panic / critical incident(s) not yet acknowledged — select and press A</translation>
    </message>
    <message>
        <source>⚠ 报警终端失联（超过3个心跳周期未上报）：%1</source>
        <translation>⚠ Kiosk silent (no heartbeat for more than 3 periods): %1</translation>
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
        <source>处置时间线</source>
        <translation>Timeline</translation>
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
</context>
</TS>
