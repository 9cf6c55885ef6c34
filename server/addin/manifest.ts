// The add-in's XML manifest (task pane, Excel), written for the address the server is reached
// at, so the same server can be sideloaded from https://localhost:3000 or a provincial host.
import { escapeXml } from '../files/xml.ts';

/** A fixed id: Office recognises the add-in across versions by it. */
export const ADDIN_ID = '5d3f9a52-8a1e-4f0b-9d7c-3c2f4b6e1a01';
/** The manifest's <Version>: a workbook's reference to the add-in names it (addin-parts.ts). */
export const ADDIN_VERSION = '1.0.0.0';
/**
 * The task pane Office opens with a document that asks for it (Office.AutoShowTaskpaneWithDocument
 * in the workbook's web extension): "set the TaskpaneId value to
 * Office.AutoShowTaskpaneWithDocument", on one task pane only
 * (https://learn.microsoft.com/en-us/office/dev/add-ins/develop/automatically-open-a-task-pane-with-a-document;
 * [MS-OWEMXML] 2.2.176 ShowTaskpane,
 * https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-owemxml/4b94ac5d-a8df-44f4-8433-81d43e35a2d7).
 */
export const AUTO_SHOW_TASKPANE = 'Office.AutoShowTaskpaneWithDocument';

export function addinManifest(origin: string): string {
  const o = escapeXml(origin.replace(/\/$/, ''));
  return `<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
  xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides"
  xsi:type="TaskPaneApp">
  <Id>${ADDIN_ID}</Id>
  <Version>${ADDIN_VERSION}</Version>
  <ProviderName>Tổng hợp</ProviderName>
  <DefaultLocale>vi-VN</DefaultLocale>
  <DisplayName DefaultValue="Tổng hợp – Báo cáo">
    <Override Locale="en-US" Value="Tong hop – Reports"/>
  </DisplayName>
  <Description DefaultValue="Điền và gửi báo cáo chuyển đổi số ngay trong Excel.">
    <Override Locale="en-US" Value="Fill and send digital-transformation reports from Excel."/>
  </Description>
  <IconUrl DefaultValue="${o}/assets/icon-32.png"/>
  <HighResolutionIconUrl DefaultValue="${o}/assets/icon-64.png"/>
  <SupportUrl DefaultValue="${o}/explorer"/>
  <AppDomains>
    <AppDomain>${o}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="ExcelApi" MinVersion="1.10"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${o}/taskpane.html"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <DesktopFormFactor>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="TabHome">
              <Group id="TongHop.Group">
                <Label resid="TongHop.GroupLabel"/>
                <Icon>
                  <bt:Image size="16" resid="TongHop.Icon16"/>
                  <bt:Image size="32" resid="TongHop.Icon32"/>
                  <bt:Image size="80" resid="TongHop.Icon80"/>
                </Icon>
                <Control xsi:type="Button" id="TongHop.Open">
                  <Label resid="TongHop.ButtonLabel"/>
                  <Supertip>
                    <Title resid="TongHop.ButtonLabel"/>
                    <Description resid="TongHop.ButtonTip"/>
                  </Supertip>
                  <Icon>
                    <bt:Image size="16" resid="TongHop.Icon16"/>
                    <bt:Image size="32" resid="TongHop.Icon32"/>
                    <bt:Image size="80" resid="TongHop.Icon80"/>
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>${AUTO_SHOW_TASKPANE}</TaskpaneId>
                    <SourceLocation resid="TongHop.Taskpane.Url"/>
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
        <bt:Image id="TongHop.Icon16" DefaultValue="${o}/assets/icon-16.png"/>
        <bt:Image id="TongHop.Icon32" DefaultValue="${o}/assets/icon-32.png"/>
        <bt:Image id="TongHop.Icon80" DefaultValue="${o}/assets/icon-80.png"/>
      </bt:Images>
      <bt:Urls>
        <bt:Url id="TongHop.Taskpane.Url" DefaultValue="${o}/taskpane.html"/>
      </bt:Urls>
      <bt:ShortStrings>
        <bt:String id="TongHop.GroupLabel" DefaultValue="Tổng hợp"/>
        <bt:String id="TongHop.ButtonLabel" DefaultValue="Báo cáo"/>
      </bt:ShortStrings>
      <bt:LongStrings>
        <bt:String id="TongHop.ButtonTip" DefaultValue="Mở ngăn báo cáo: tải mẫu, lưu nháp, gửi báo cáo."/>
      </bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}
