<#
.SYNOPSIS
    Builds the module's PowerShell help from docs/help: en-US/Cdss.dll-Help.xml (MAML) and en-US/about_*.help.txt.
.DESCRIPTION
    Parameter facts (type, mandatory, position, pipeline input, sets, aliases, wildcards, valid values, defaults)
    come from the built module by reflection, in a child pwsh; the markdown supplies only prose. Throws when the
    two disagree, so help cannot silently drift from the code.

    Markdown layout of <Cmdlet-Name>.md (fenced code blocks are never parsed as headings):
      # <Cmdlet-Name>                      must match the file name and an exported cmdlet
      ## SYNOPSIS                          one paragraph (required)
      ## DESCRIPTION                       paragraphs, "- " lists, pipe tables, fenced blocks (required)
      ## EXAMPLES                          at least 2 "### Example N: title" (required); in each, the first
                                           ```powershell block is the code, everything else is the remarks
      ## PARAMETERS                        one "### -Name" per parameter, with its description (required);
                                           -WhatIf/-Confirm get standard text unless documented
      ## INPUTS / ## OUTPUTS               "### Type.Name" + description; OUTPUTS must list every [OutputType]
                                           (System.Void may be written "None") (required)
      ## NOTES                             free text (optional)
      ## RELATED LINKS                     "- [text](https://...)" or "- Cmdlet-Name" (optional)
    Inline markup: `code` and **bold** lose their marks, [text](url) becomes "text (url)".
    about_<Topic>.md: "# about_<Topic>", then any "## HEADING" (SHORT DESCRIPTION first) with the same blocks;
    it becomes the classic plain-text layout (upper-case headings, 4-space indent, wrapped at 80 columns).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $SourceDirectory,
    [Parameter(Mandatory)] [string] $ModuleDirectory
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$manifest = Join-Path $ModuleDirectory 'Cdss.psd1'
$helpDirectory = Join-Path $ModuleDirectory 'en-US'
$cmdletSections = 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$standardText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run and nothing is sent to the service.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

# A child process, because build.ps1 runs us in-process where an older Cdss.dll may already be loaded and
# cannot be unloaded. The result goes through a file: warnings of the child would pollute stdout.
function Get-CmdletMetadata {
    $jsonPath = [IO.Path]::GetTempFileName()
    $script = @'
$ErrorActionPreference = 'Stop'
$module = Import-Module -Name $env:CDSS_HELP_MANIFEST -PassThru
$common = [System.Management.Automation.PSCmdlet]::CommonParameters
$all = foreach ($cmd in $module.ExportedCmdlets.Values) {
    $instance = [Activator]::CreateInstance($cmd.ImplementingType)   # freshly made: properties hold the defaults
    $parameters = foreach ($p in $cmd.Parameters.Values | Where-Object Name -NotIn $common) {
        $property = $cmd.ImplementingType.GetProperty($p.Name)
        $shown = if ([Nullable]::GetUnderlyingType($p.ParameterType)) { [Nullable]::GetUnderlyingType($p.ParameterType) } else { $p.ParameterType }
        $value = if ($property) { $property.GetValue($instance) }
        $set = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
        $values = if ($set) { @($set.ValidValues) } elseif ($p.ParameterType.IsEnum) { [Enum]::GetNames($p.ParameterType) } else { @() }
        $default = if ($p.SwitchParameter) { 'False' }
                   elseif ($null -eq $value -or "$value" -eq '' -or ($value -is [array] -and $value.Count -eq 0) -or
                           [object]::ReferenceEquals($value, [pscredential]::Empty)) { 'None' } else { "$value" }
        [pscustomobject]@{
            # A Nullable<DateTime> parameter is shown as the DateTime it takes, not as Nullable`1.
            Name = $p.Name; Type = $shown.FullName; ShortType = $shown.Name
            IsSwitch = $p.SwitchParameter; Aliases = @($p.Aliases); Values = @($values); Default = $default
            Globbing = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        }
    }
    $sets = foreach ($s in $cmd.ParameterSets) {
        [pscustomobject]@{ Name = $s.Name; IsDefault = $s.IsDefault; Parameters = @($s.Parameters | Where-Object Name -NotIn $common |
            ForEach-Object { [pscustomobject]@{ Name = $_.Name; Mandatory = $_.IsMandatory; Position = $_.Position
                                                ByValue = $_.ValueFromPipeline; ByPropertyName = $_.ValueFromPipelineByPropertyName } }) }
    }
    [pscustomobject]@{ Name = $cmd.Name; Verb = $cmd.Verb; Noun = $cmd.Noun; Parameters = @($parameters); Sets = @($sets)
                       OutputTypes = @($cmd.OutputType | ForEach-Object { if ($_.Type) { $_.Type.FullName } else { $_.Name } }) }
}
ConvertTo-Json -InputObject @($all) -Depth 6 | Set-Content -LiteralPath $env:CDSS_HELP_JSON -Encoding utf8
'@
    $env:CDSS_HELP_MANIFEST = $manifest; $env:CDSS_HELP_JSON = $jsonPath
    try {
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -EncodedCommand $encoded
        if ($LASTEXITCODE -ne 0) { throw "Reading cmdlet metadata from '$manifest' failed (exit code $LASTEXITCODE)." }
        @(Get-Content -LiteralPath $jsonPath -Raw | ConvertFrom-Json)
    }
    finally {
        Remove-Item -LiteralPath $jsonPath -ErrorAction SilentlyContinue
        Remove-Item Env:CDSS_HELP_MANIFEST, Env:CDSS_HELP_JSON -ErrorAction SilentlyContinue
    }
}

# Splits a markdown file into { Title; Sections: ordered h2 -> { Lines; Subs: ordered h3 -> lines } }.
function Read-Markdown([string] $Path) {
    $doc = [ordered]@{ Title = $null; Sections = [ordered]@{} }
    $section = $null; $target = $null; $fenced = $false
    foreach ($line in Get-Content -LiteralPath $Path -Encoding utf8) {
        if ($line -match '^\s*```') { $fenced = -not $fenced }
        elseif (-not $fenced -and $line -match '^(#{1,3})\s+(.+?)\s*$') {
            # (if/elseif, not switch: "continue" inside a switch would not skip to the next line)
            $level = $Matches[1].Length; $text = $Matches[2]
            if ($level -eq 1) { $doc.Title = $text; $target = $null }
            elseif ($level -eq 2) {
                $section = @{ Lines = [Collections.Generic.List[string]]::new(); Subs = [ordered]@{} }
                $doc.Sections[$text.ToUpperInvariant()] = $section; $target = $section.Lines
            }
            else {
                if (-not $section) { throw "${Path}: '### $text' is outside any '##' section." }
                $target = [Collections.Generic.List[string]]::new(); $section.Subs[$text] = $target
            }
            continue
        }
        if ($null -ne $target) { $target.Add($line) }
    }
    $doc
}

# Turns lines into blocks: para (joined), item ("- " list entry), table (rows of cells), code (lines + language).
function ConvertTo-Block([string[]] $Lines) {
    $blocks = [Collections.Generic.List[object]]::new(); $current = $null; $code = $null
    foreach ($line in $Lines) {
        if ($code) {
            if ($line -match '^\s*```') { $blocks.Add($code); $code = $null } else { $code.Lines.Add($line) }
            continue
        }
        if ($line -match '^\s*```\s*(\w*)') { $current = $null; $code = @{ Kind = 'code'; Lang = $Matches[1]; Lines = [Collections.Generic.List[string]]::new() }; continue }
        if ($line -match '^\s*$') { $current = $null; continue }
        if ($line -match '^\s*\|') {
            if ($line -match '^\s*\|[\s:|-]+\|\s*$') { continue }   # the |---|---| separator row
            $cells = @($line.Trim().Trim('|') -split '\|' | ForEach-Object { Format-Inline $_.Trim() })
            if (-not $current -or $current.Kind -ne 'table') { $current = @{ Kind = 'table'; Rows = [Collections.Generic.List[object]]::new() }; $blocks.Add($current) }
            $current.Rows.Add($cells); continue
        }
        if ($line -match '^\s*(?:[-*]|\d+\.)\s+(.*)$') { $current = @{ Kind = 'item'; Text = $Matches[1]; Marker = ($line.Trim() -split '\s')[0] }; $blocks.Add($current); continue }
        if ($current -and $current.Kind -in 'para', 'item') { $current.Text += ' ' + $line.Trim(); continue }
        $current = @{ Kind = 'para'; Text = $line.Trim() }; $blocks.Add($current)
    }
    if ($code) { throw "An unterminated code block starts with '$($code.Lines[0])'." }
    foreach ($b in $blocks) { if ($b.Kind -in 'para', 'item') { $b.Text = Format-Inline $b.Text } }
    $blocks   # enumerated: callers see the blocks, not the list
}

function Format-Inline([string] $Text) {
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]+)\)', { param($m) if ($m.Groups[2].Value -match '^https?:') { "$($m.Groups[1].Value) ($($m.Groups[2].Value))" } else { $m.Groups[1].Value } })
    $Text -replace '\*\*', '' -replace '`', ''
}

# Plain text of blocks for MAML paragraphs: one string per block (lines of code and tables joined by newlines).
function Get-Paragraph($Blocks) {
    foreach ($b in $Blocks) {
        switch ($b.Kind) {
            'para' { $b.Text }
            'item' { "$($b.Marker) $($b.Text)" }
            'code' { $b.Lines -join "`n" }   # unindented: Get-Help trims a paragraph's leading blanks
            'table' { (Format-Table-Rows $b.Rows) -join "`n" }
        }
    }
}

# Aligned columns under a dashed header rule; with -Width, the last column wraps under itself.
function Format-Table-Rows($Rows, [int] $Width = 0) {
    $count = $Rows[0].Count
    $widths = @(foreach ($i in 0..($count - 1)) { ($Rows | ForEach-Object { "$(@($_)[$i])".Length } | Measure-Object -Maximum).Maximum })
    $lead = ($widths[0..($count - 1)] | Select-Object -SkipLast 1 | ForEach-Object { $_ + 2 } | Measure-Object -Sum).Sum
    if ($Width -gt 0 -and $lead + 30 -gt $Width) {
        # Too wide to read as columns at this width: each row as its first cell, then "heading: value" lines under it.
        foreach ($row in @($Rows | Select-Object -Skip 1)) {
            Format-Wrapped "$(@($row)[0])" 0 2 $Width
            foreach ($i in 1..($count - 1)) { Format-Wrapped "$($Rows[0][$i]): $(@($row)[$i])" 4 2 $Width }
            ''
        }
        return
    }
    if ($Width -gt 0 -and $lead + $widths[-1] -gt $Width) { $widths[-1] = [Math]::Max(20, $Width - $lead) }
    $rule = @(foreach ($i in 0..($count - 1)) { '-' * [Math]::Min($widths[$i], "$($Rows[0][$i])".Length) })
    foreach ($row in @(, $Rows[0]) + @(, $rule) + @($Rows | Select-Object -Skip 1)) {
        $cells = @(foreach ($i in 0..($count - 1)) { "$(@($row)[$i])" })
        $first = ($cells | Select-Object -SkipLast 1 | ForEach-Object -Begin { $i = 0 } -Process { $_.PadRight($widths[$i++] + 2) }) -join ''
        $last = @(if ($Width -gt 0) { Format-Wrapped $cells[-1] 0 0 $widths[-1] } else { $cells[-1] })   # @(): one line stays an array
        "$first$($last[0])".TrimEnd()
        foreach ($more in $last | Select-Object -Skip 1) { ((' ' * $lead) + $more).TrimEnd() }
    }
}

function Format-Wrapped([string] $Text, [int] $Indent, [int] $Hanging = 0, [int] $Width = 80) {
    $lines = [Collections.Generic.List[string]]::new(); $line = ''
    foreach ($word in $Text -split '\s+') {
        $pad = if ($lines.Count -eq 0) { $Indent } else { $Indent + $Hanging }
        if ($line -and $pad + $line.Length + 1 + $word.Length -gt $Width) { $lines.Add((' ' * $pad) + $line); $line = $word }
        else { $line = if ($line) { "$line $word" } else { $word } }
    }
    $pad = if ($lines.Count -eq 0) { $Indent } else { $Indent + $Hanging }
    if ($line) { $lines.Add((' ' * $pad) + $line) }
    $lines
}

# The classic about_ layout: TOPIC, then each "##" as an upper-case heading with its body indented 4.
function ConvertTo-AboutText($Doc) {
    $out = [Collections.Generic.List[string]]::new()
    $out.Add('TOPIC'); $out.Add("    $($Doc.Title)"); $out.Add('')
    foreach ($name in $Doc.Sections.Keys) {
        $out.Add($name); $parts = @(@{ Heading = $null; Lines = $Doc.Sections[$name].Lines })
        $parts += foreach ($sub in $Doc.Sections[$name].Subs.Keys) { @{ Heading = $sub; Lines = $Doc.Sections[$name].Subs[$sub] } }
        foreach ($part in $parts) {
            if ($part.Heading) { $out.Add("    $(Format-Inline $part.Heading)"); $out.Add('') }
            $previous = $null
            foreach ($b in ConvertTo-Block $part.Lines) {
                if ($previous -eq 'item' -and $b.Kind -ne 'item') { $out.Add('') }   # a list ends with a blank line
                switch ($b.Kind) {
                    'para' { Format-Wrapped $b.Text 4 | ForEach-Object { $out.Add($_) } }
                    'item' { Format-Wrapped "$($b.Marker) $($b.Text)" 4 ($b.Marker.Length + 1) | ForEach-Object { $out.Add($_) } }
                    'code' { $b.Lines | ForEach-Object { $out.Add("        $_".TrimEnd()) } }
                    'table' { Format-Table-Rows $b.Rows 76 | ForEach-Object { $out.Add("    $_".TrimEnd()) } }
                }
                if ($b.Kind -ne 'item') { $out.Add('') }
                $previous = $b.Kind
            }
            if ($out[$out.Count - 1] -ne '') { $out.Add('') }
        }
    }
    ($out -join [Environment]::NewLine).TrimEnd() + [Environment]::NewLine
}

# --- MAML writing: XmlWriter escapes every value and rejects characters XML cannot hold. ---
$ns = @{ maml = 'http://schemas.microsoft.com/maml/2004/10'; command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'; dev = 'http://schemas.microsoft.com/maml/dev/2004/10' }
function Open([string] $Name, [hashtable] $Attributes = @{}) {
    $prefix, $local = $Name -split ':'; $w.WriteStartElement($prefix, $local, $ns[$prefix])
    foreach ($k in $Attributes.Keys | Sort-Object) { $w.WriteAttributeString($k, [string]$Attributes[$k]) }
}
function Close { $w.WriteEndElement() }
function Text([string] $Name, [string] $Value, [hashtable] $Attributes = @{}) { Open $Name $Attributes; $w.WriteString($Value); Close }
function Description([string[]] $Paragraphs) { Open 'maml:description'; foreach ($p in $Paragraphs) { Text 'maml:para' $p }; Close }

function Write-Parameter($Param, $Facts, [bool] $InSyntax) {
    $pipeline = @(if ($Facts.ByValue) { 'ByValue' }; if ($Facts.ByPropertyName) { 'ByPropertyName' })
    Open 'command:parameter' @{ required = $Facts.Required; variableLength = 'true'; globbing = "$($Param.Globbing)".ToLower()
        pipelineInput = $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' })
        position = $Facts.Position; aliases = $(if ($Param.Aliases) { $Param.Aliases -join ', ' } else { 'none' }) }
    Text 'maml:name' $Param.Name
    Description $Param.Description
    if ($InSyntax -and $Param.Values) {
        Open 'command:parameterValueGroup'
        foreach ($v in $Param.Values) { Text 'command:parameterValue' $v @{ required = 'false'; variableLength = 'false' } }
        Close
    }
    elseif (-not $Param.IsSwitch) { Text 'command:parameterValue' $Param.ShortType @{ required = 'true'; variableLength = 'false' } }
    Open 'dev:type'; Text 'maml:name' $Param.Type; Text 'maml:uri' ''; Close
    Text 'dev:defaultValue' $Param.Default
    Close
}

function Write-TypeList([string] $Outer, [string] $Inner, $Subs) {
    Open $Outer
    foreach ($type in $Subs.Keys) {
        Open $Inner; Open 'dev:type'; Text 'maml:name' $type; Text 'maml:uri' ''; Close
        Description (Get-Paragraph (ConvertTo-Block $Subs[$type])); Close
    }
    Close
}

function Write-Command($Meta, $Doc) {
    $s = $Doc.Sections
    Open 'command:command'
    Open 'command:details'; Text 'command:name' $Meta.Name; Text 'command:verb' $Meta.Verb; Text 'command:noun' $Meta.Noun
    Description (Get-Paragraph (ConvertTo-Block $s['SYNOPSIS'].Lines)); Close
    Description (Get-Paragraph (ConvertTo-Block $s['DESCRIPTION'].Lines))
    Open 'command:syntax'
    foreach ($set in $Meta.Sets | Sort-Object { -not $_.IsDefault }) {   # the default set first, as Get-Command shows it
        Open 'command:syntaxItem'; Text 'maml:name' $Meta.Name
        $ordered = $set.Parameters | Sort-Object { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }, { -not $_.Mandatory }
        foreach ($sp in $ordered) { Write-Parameter $Meta.Params[$sp.Name] (Get-Facts $sp) $true }
        Close
    }
    Close
    Open 'command:parameters'
    foreach ($param in $Meta.Params.Values) {
        $inSets = @($Meta.Sets | ForEach-Object { $_.Parameters | Where-Object Name -EQ $param.Name })
        $facts = Get-Facts $inSets[0]
        $facts.Required = (@($inSets.Mandatory | Select-Object -Unique) | ForEach-Object { "$_".ToLower() }) -join ' / '
        $facts.ByValue = [bool]($inSets | Where-Object ByValue); $facts.ByPropertyName = [bool]($inSets | Where-Object ByPropertyName)
        Write-Parameter $param $facts $false
    }
    Close
    Write-TypeList 'command:inputTypes' 'command:inputType' $s['INPUTS'].Subs
    Write-TypeList 'command:returnValues' 'command:returnValue' $s['OUTPUTS'].Subs
    $notes = if ($s.Contains('NOTES')) { @(Get-Paragraph (ConvertTo-Block $s['NOTES'].Lines)) } else { @() }
    if ($notes) { Open 'maml:alertSet'; Open 'maml:alert'; foreach ($p in $notes) { Text 'maml:para' $p }; Close; Close }
    Open 'command:examples'
    foreach ($title in $s['EXAMPLES'].Subs.Keys) {
        $blocks = ConvertTo-Block $s['EXAMPLES'].Subs[$title]
        $code = $blocks | Where-Object { $_.Kind -eq 'code' -and $_.Lang -eq 'powershell' } | Select-Object -First 1
        Open 'command:example'; Text 'maml:title' "---------- $title ----------"
        Text 'dev:code' ($code.Lines -join "`n")
        # The trailing empty paragraph puts a blank line between one example's remarks and the next title.
        Open 'dev:remarks'; foreach ($p in @(Get-Paragraph ($blocks | Where-Object { $_ -ne $code })) + '') { Text 'maml:para' $p }; Close
        Close
    }
    Close
    Open 'maml:relatedLinks'
    $links = if ($s.Contains('RELATED LINKS')) { $s['RELATED LINKS'].Lines } else { @() }
    foreach ($line in $links) {
        if ($line -notmatch '^\s*[-*]\s+(.+)$') { continue }
        $item = $Matches[1].Trim()
        $text, $uri = if ($item -match '^\[([^\]]+)\]\(([^)]*)\)') { $Matches[1], $Matches[2] } else { $item, '' }
        if ($uri -notmatch '^https?:') { $uri = '' }   # links to sibling .md files are for markdown readers only
        Open 'maml:navigationLink'; Text 'maml:linkText' $text; Text 'maml:uri' $uri; Close
    }
    Close
    Close
}

function Get-Facts($SetParameter) {
    @{ Required = "$($SetParameter.Mandatory)".ToLower(); ByValue = $SetParameter.ByValue; ByPropertyName = $SetParameter.ByPropertyName
       Position = $(if ($SetParameter.Position -ge 0) { "$($SetParameter.Position)" } else { 'named' }) }
}

# --- Checks: gather every problem first, so one build run shows them all. ---
$metadata = Get-CmdletMetadata
$problems = [Collections.Generic.List[string]]::new()
$docs = @{}
foreach ($file in Get-ChildItem -LiteralPath $SourceDirectory -Filter '*.md' | Where-Object Name -NotLike 'about_*') {
    $docs[$file.BaseName] = Read-Markdown $file.FullName
    if ($docs[$file.BaseName].Title -ne $file.BaseName) { $problems.Add("$($file.Name): the '# ' title must be '$($file.BaseName)'.") }
    if ($file.BaseName -notin $metadata.Name) { $problems.Add("$($file.Name): no exported cmdlet is named '$($file.BaseName)'.") }
}
foreach ($meta in $metadata) {
    $doc = $docs[$meta.Name]
    if (-not $doc) { $problems.Add("$($meta.Name): no markdown at $(Join-Path $SourceDirectory "$($meta.Name).md")."); continue }
    $s = $doc.Sections
    foreach ($extra in $s.Keys | Where-Object { $_ -notin $cmdletSections }) { $problems.Add("$($meta.Name): unknown section '## $extra'.") }
    foreach ($required in $cmdletSections[0..5]) { if (-not $s.Contains($required)) { $problems.Add("$($meta.Name): missing '## $required'.") } }
    if (-not $s.Contains('PARAMETERS') -or -not $s.Contains('OUTPUTS') -or -not $s.Contains('EXAMPLES')) { continue }
    if (-not (Get-Paragraph (ConvertTo-Block $s['SYNOPSIS'].Lines))) { $problems.Add("$($meta.Name): the synopsis is empty.") }
    $examples = $s['EXAMPLES'].Subs
    if ($examples.Count -lt 2) { $problems.Add("$($meta.Name): $($examples.Count) example(s); at least 2 are required.") }
    foreach ($title in $examples.Keys) {
        if (-not ((ConvertTo-Block $examples[$title]) | Where-Object { $_.Kind -eq 'code' -and $_.Lang -eq 'powershell' })) { $problems.Add("$($meta.Name): '$title' has no ``````powershell code block.") }
    }
    $documented = [ordered]@{}
    $names = @($meta.Parameters | ForEach-Object Name)   # (.Name on an empty array fails under strict mode)
    foreach ($heading in $s['PARAMETERS'].Subs.Keys) {
        $name = $heading -replace '^-', ''
        if ($name -notin $names) { $problems.Add("$($meta.Name): documents -$name, which the cmdlet does not have."); continue }
        $text = @(Get-Paragraph (ConvertTo-Block $s['PARAMETERS'].Subs[$heading]))
        if (-not $text) { $problems.Add("$($meta.Name): -$name has an empty description.") }
        $documented[$name] = $text
    }
    # Markdown order first (the author's), then WhatIf/Confirm in their standard wording.
    $meta | Add-Member Params ([ordered]@{})
    foreach ($name in @($documented.Keys) + $names | Select-Object -Unique) {
        $param = $meta.Parameters | Where-Object Name -EQ $name
        if (-not $param) { continue }
        $text = if ($documented.Contains($name)) { $documented[$name] } elseif ($standardText.Contains($name)) { $standardText[$name] }
        if (-not $text) { $problems.Add("$($meta.Name): -$name is not documented (add '### -$name' under '## PARAMETERS')."); continue }
        $param | Add-Member Description @($text)
        $meta.Params[$name] = $param
    }
    foreach ($type in $meta.OutputTypes) {
        if (-not ($s['OUTPUTS'].Subs.Contains($type) -or ($type -eq 'System.Void' -and $s['OUTPUTS'].Subs.Contains('None')))) { $problems.Add("$($meta.Name): [OutputType] $type is not listed under '## OUTPUTS'.") }
    }
}
if ($problems.Count) { throw "Help is out of date with the cmdlets:`n  " + ($problems -join "`n  ") }

# --- Output ---
$null = New-Item -ItemType Directory -Force -Path $helpDirectory
$settings = [Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) }
$w = [Xml.XmlWriter]::Create((Join-Path $helpDirectory 'Cdss.dll-Help.xml'), $settings)
try {
    $w.WriteStartDocument(); $w.WriteStartElement('helpItems', 'http://msh'); $w.WriteAttributeString('schema', 'maml')
    foreach ($p in $ns.Keys) { $w.WriteAttributeString('xmlns', $p, $null, $ns[$p]) }
    foreach ($meta in $metadata | Sort-Object Name) { Write-Command $meta $docs[$meta.Name] }
    $w.WriteEndElement(); $w.WriteEndDocument()
}
finally { $w.Dispose() }

foreach ($file in Get-ChildItem -LiteralPath $SourceDirectory -Filter 'about_*.md') {
    $doc = Read-Markdown $file.FullName
    if ($doc.Title -ne $file.BaseName) { throw "$($file.Name): the '# ' title must be '$($file.BaseName)'." }
    if (@($doc.Sections.Keys)[0] -ne 'SHORT DESCRIPTION') { throw "$($file.Name): the first section must be '## SHORT DESCRIPTION'." }
    [IO.File]::WriteAllText((Join-Path $helpDirectory "$($file.BaseName).help.txt"), (ConvertTo-AboutText $doc), [Text.UTF8Encoding]::new($false))
}
Write-Host "Help: $(@($metadata).Count) cmdlets -> $(Join-Path $helpDirectory 'Cdss.dll-Help.xml')"
