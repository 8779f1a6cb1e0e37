namespace Iomt.Clinical.Ecg.Wfdb;

/// <summary>One annotation from a WFDB annotation file (PhysioNet <c>annot(5)</c>).</summary>
/// <param name="Sample">Sample number (time) the annotation refers to.</param>
/// <param name="Code">Annotation code (<see cref="MitAnnotationCodes"/>).</param>
/// <param name="Subtype">The <c>subtyp</c> field.</param>
/// <param name="Channel">The <c>chan</c> field.</param>
/// <param name="Number">The <c>num</c> field.</param>
/// <param name="Aux">Auxiliary text, e.g. a rhythm such as <c>(AFIB</c>; empty when absent.</param>
public readonly record struct MitAnnotation(long Sample, byte Code, int Subtype, int Channel, int Number, string Aux)
{
    /// <summary>True when the code labels a QRS complex (WFDB <c>isqrs</c>).</summary>
    public bool IsBeat => MitAnnotationCodes.IsBeat(Code);

    /// <summary>The one-character mnemonic (<c>N</c>, <c>V</c>, <c>+</c>, …).</summary>
    public string Mnemonic => MitAnnotationCodes.Mnemonic(Code);
}
