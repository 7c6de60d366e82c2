// The quick-report sheet: a category was tapped; add an optional short note
// and a headcount, then send. Oversize notes (the server's limit,
// controller.maxNoteChars) are refused here with a message (and by the
// server anyway).
import QtQuick
import QtQuick.Controls
import Hall.Kiosk

Popup {
    id: root
    required property KioskController controller
    property string category: ""
    property string categoryName: ""
    property string error: ""
    signal sent()
    // 0 while the server has not said: no limit shown, the server checks.
    readonly property int maxNote: controller.maxNoteChars
    readonly property bool tooLong: maxNote > 0 && note.length > maxNote

    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: 1100
    height: 720
    closePolicy: Popup.CloseOnEscape

    function openFor(cat, name) {
        category = cat
        categoryName = name
        note.text = ""
        headcount.value = 0
        error = ""
        open()
    }

    function submit() {
        var problem = controller.report(category, note.text, headcount.value)
        if (problem !== "") {
            error = problem
            return
        }
        sent()
        close()
    }

    background: Rectangle { color: "#f5f7fa"; radius: 20 }

    Column {
        anchors.fill: parent
        anchors.margins: 36
        spacing: 22

        Text {
            text: qsTr("上报：%1").arg(root.categoryName)
            font.pixelSize: 44
            font.bold: true
            color: "#0f2233"
        }
        Text {
            text: root.maxNote > 0 ? qsTr("简短说明（可不填，最多 %1 字）").arg(root.maxNote) : qsTr("简短说明（可不填）")
            font.pixelSize: 26
            color: "#37474f"
        }
        Rectangle {
            width: parent.width
            height: 200
            radius: 10
            border.color: root.tooLong ? "#c62828" : "#90a4ae"
            border.width: 2
            TextArea {
                id: note
                objectName: "noteField"
                anchors.fill: parent
                anchors.margins: 8
                wrapMode: TextArea.Wrap
                font.pixelSize: 28
                placeholderText: qsTr("例如：3号窗口有人晕倒")
                background: null
                onTextChanged: root.error = ""
            }
        }
        Row {
            spacing: 24
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("涉及人数（不清楚填0）")
                font.pixelSize: 28
                color: "#37474f"
            }
            SpinBox {
                id: headcount
                objectName: "headcountField"
                from: 0
                to: root.controller.maxHeadcount > 0 ? root.controller.maxHeadcount : 1000000  // unknown: the server checks
                editable: true
                font.pixelSize: 28
                width: 260
                height: 72
            }
            Text {
                objectName: "noteCounter"
                anchors.verticalCenter: parent.verticalCenter
                visible: root.maxNote > 0
                text: qsTr("%1 / %2 字").arg(note.length).arg(root.maxNote)
                font.pixelSize: 24
                color: root.tooLong ? "#c62828" : "#78909c"
            }
        }
        Text {
            objectName: "reportError"
            width: parent.width
            text: root.error
            visible: text !== ""
            color: "#c62828"
            font.pixelSize: 28
            wrapMode: Text.WordWrap
        }
        Row {
            spacing: 30
            BigButton {
                objectName: "sendButton"
                width: 420
                // Armed for a drill press: said on the button it sends with.
                text: root.controller.drillArmed ? qsTr("按演练发送到值班台") : qsTr("发送到值班台")
                baseColor: root.controller.drillArmed ? "#6a1b9a" : "#c62828"
                onClicked: root.submit()
            }
            BigButton {
                width: 300
                text: qsTr("取消")
                baseColor: "#546e7a"
                onClicked: root.close()
            }
        }
    }
}
