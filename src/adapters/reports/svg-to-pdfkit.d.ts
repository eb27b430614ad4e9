declare module 'svg-to-pdfkit' {
  /** Draws an SVG (string or element) into a pdfkit document at x, y. */
  function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x?: number,
    y?: number,
    options?: { width?: number; height?: number; preserveAspectRatio?: string; assumePt?: boolean; fontCallback?: unknown },
  ): void;
  export default SVGtoPDF;
}
