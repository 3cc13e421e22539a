import QRCode from 'qrcode';

/**
 * A QR code as inline SVG (crisp at any print size, no image file, nothing fetched), for the HTML
 * that PdfRenderer prints. Error correction M: a poster or a document may be creased or smudged.
 */
export function qrSvg(text: string, options: { label: string }): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }).then((svg) =>
    svg.replace('<svg ', `<svg role="img" aria-label="${options.label.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}" `),
  );
}
