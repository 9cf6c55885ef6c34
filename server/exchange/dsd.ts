// The SDMX 2.1 data structure definition (DSD) of one template under a scheme, in the form the
// ADX profile's transform reads (IHE QRPH ADX, "Data Structure Definition" conventions): the
// mandatory concepts dataElement, orgUnit, period and value; a dimension per concept, each
// coded by a codelist of the scheme's codes; orgUnit and the period grouped as OUTER_DIMENSIONS
// (the attributes of <group>). The profile's transform turns it into the XSD an ADX message is
// validated against (prisma/exchange/adx/README.md says how, and keeps the demo's pair).
import { escapeXml } from '../files/xml.ts';
import type { CodeBook } from './code-book.ts';

export interface DsdNames {
  /** The template's name, for the DSD's own. */
  template: string;
  /** A data element code's name (its row and column). */
  element: (code: string) => string;
  /** An org unit code's name (the agency's). */
  orgUnit: (code: string) => string;
}

const AGENCY = 'TONGHOP';
const CONCEPTS = 'ADX_MANDATORY_CONCEPTS';

function codelist(id: string, name: string, codes: { id: string; name: string }[]): string[] {
  return [
    `      <str:Codelist id="${id}" agencyID="${AGENCY}" version="1.0">`,
    `        <com:Name xml:lang="vi">${escapeXml(name)}</com:Name>`,
    ...codes.flatMap((c) => [
      `        <str:Code id="${escapeXml(c.id)}">`,
      `          <com:Name xml:lang="vi">${escapeXml(c.name)}</com:Name>`,
      '        </str:Code>',
    ]),
    '      </str:Codelist>',
  ];
}

const conceptRef = (id: string) =>
  `<Ref id="${id}" maintainableParentID="${CONCEPTS}" maintainableParentVersion="1.0" agencyID="IHE_QRPH"/>`;

function dimension(id: string, position: number, concept: string, list: string): string[] {
  return [
    `            <str:Dimension id="${id}" position="${position}">`,
    `              <str:ConceptIdentity>${conceptRef(concept)}</str:ConceptIdentity>`,
    '              <str:LocalRepresentation>',
    `                <str:Enumeration><Ref id="${list}" agencyID="${AGENCY}" version="1.0"/></str:Enumeration>`,
    '              </str:LocalRepresentation>',
    `            </str:Dimension>`,
  ];
}

/**
 * The DSD of `templateCode` under the book's scheme: its data set code is the DSD's id (ADX's
 * group/@dataSet), its data elements and every mapped org unit the codelists. Deterministic but
 * for `prepared`, so a kept copy can be compared with a fresh one.
 */
export function dataStructureDefinition(
  book: CodeBook,
  templateCode: string,
  names: DsdNames,
  prepared: Date,
): string {
  const dataSet = book.dataSet(templateCode);
  if (!dataSet) throw new Error(`Bảng mã ${book.scheme.code} chưa có mã cho mẫu ${templateCode}.`);
  const byCode = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const elements = [...new Set(book.elementsOf(templateCode).map((e) => e.code.dataElement))]
    .map((id) => ({ id, name: names.element(id) }))
    .sort(byCode);
  const orgUnits = book
    .orgUnits()
    .map((id) => ({ id, name: names.orgUnit(id) }))
    .sort(byCode);
  const concept = (id: string, name: string) => [
    `        <str:Concept id="${id}"><com:Name xml:lang="en">${name}</com:Name></str:Concept>`,
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">',
    '  <mes:Header>',
    `    <mes:ID>DSD_${escapeXml(dataSet)}</mes:ID>`,
    '    <mes:Test>false</mes:Test>',
    `    <mes:Prepared>${prepared.toISOString()}</mes:Prepared>`,
    `    <mes:Sender id="${AGENCY}"/>`,
    '  </mes:Header>',
    '  <mes:Structures>',
    '    <str:Codelists>',
    ...codelist('CL_DATA_ELEMENT', `Chỉ tiêu của mẫu ${templateCode}`, elements),
    ...codelist('CL_ORG_UNIT', `Đơn vị theo bảng mã ${book.scheme.code}`, orgUnits),
    '    </str:Codelists>',
    '    <str:Concepts>',
    `      <str:ConceptScheme id="${CONCEPTS}" agencyID="IHE_QRPH" version="1.0">`,
    '        <com:Name xml:lang="en">Mandatory concepts defined by IHE ADX profile</com:Name>',
    ...concept('dataElement', 'Subject of the data measure'),
    ...concept('orgUnit', 'Spatial dimension of the measure'),
    ...concept('period', 'Temporal dimension of the measure'),
    ...concept('value', 'Value of the data measure'),
    '      </str:ConceptScheme>',
    '    </str:Concepts>',
    '    <str:DataStructures>',
    `      <str:DataStructure id="${escapeXml(dataSet)}" agencyID="${AGENCY}" version="1.0">`,
    `        <com:Name xml:lang="vi">${escapeXml(names.template)}</com:Name>`,
    '        <str:DataStructureComponents>',
    '          <str:DimensionList id="DimensionDescriptor">',
    ...dimension('dataElement', 1, 'dataElement', 'CL_DATA_ELEMENT'),
    ...dimension('orgUnit', 2, 'orgUnit', 'CL_ORG_UNIT'),
    '            <str:TimeDimension id="TIME_PERIOD" position="3">',
    `              <str:ConceptIdentity>${conceptRef('period')}</str:ConceptIdentity>`,
    '              <str:LocalRepresentation><str:TextFormat textType="TimeRange"/></str:LocalRepresentation>',
    '            </str:TimeDimension>',
    '          </str:DimensionList>',
    '          <str:Group id="OUTER_DIMENSIONS">',
    '            <str:GroupDimension><str:DimensionReference><Ref id="orgUnit"/></str:DimensionReference></str:GroupDimension>',
    '            <str:GroupDimension><str:DimensionReference><Ref id="TIME_PERIOD"/></str:DimensionReference></str:GroupDimension>',
    '          </str:Group>',
    '          <str:MeasureList id="MeasureDescriptor">',
    '            <str:PrimaryMeasure id="OBS_VALUE">',
    `              <str:ConceptIdentity>${conceptRef('value')}</str:ConceptIdentity>`,
    '            </str:PrimaryMeasure>',
    '          </str:MeasureList>',
    '        </str:DataStructureComponents>',
    '      </str:DataStructure>',
    '    </str:DataStructures>',
    '  </mes:Structures>',
    '</mes:Structure>',
    '',
  ].join('\n');
}
